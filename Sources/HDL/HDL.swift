// Module HDL: see its front-door doc comment once written.
