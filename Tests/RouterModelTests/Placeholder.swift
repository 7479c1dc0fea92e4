// Tests for RouterModel live in this folder, one file per concern.
