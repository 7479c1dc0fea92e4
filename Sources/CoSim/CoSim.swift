// Module CoSim: see its front-door doc comment once written.
