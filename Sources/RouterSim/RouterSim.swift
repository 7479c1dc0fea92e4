// Module RouterSim: see its front-door doc comment once written.
