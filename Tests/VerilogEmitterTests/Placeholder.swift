// Tests for VerilogEmitter live in this folder, one file per concern.
