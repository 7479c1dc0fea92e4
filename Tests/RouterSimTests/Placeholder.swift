// Tests for RouterSim live in this folder, one file per concern.
