// Tests for CoSim live in this folder, one file per concern.
