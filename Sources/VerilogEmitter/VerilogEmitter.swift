// Module VerilogEmitter: see its front-door doc comment once written.
