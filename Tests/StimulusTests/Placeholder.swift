// Tests for Stimulus live in this folder, one file per concern.
