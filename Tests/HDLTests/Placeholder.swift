// Tests for HDL live in this folder, one file per concern.
