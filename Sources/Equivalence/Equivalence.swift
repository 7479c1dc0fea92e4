// Module Equivalence: see its front-door doc comment once written.
