// Tests for Equivalence live in this folder, one file per concern.
