// Tests for RouterDesign live in this folder, one file per concern.
