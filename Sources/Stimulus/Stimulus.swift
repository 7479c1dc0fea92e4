// Module Stimulus: see its front-door doc comment once written.
