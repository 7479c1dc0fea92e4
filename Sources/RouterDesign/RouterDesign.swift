// Module RouterDesign: see its front-door doc comment once written.
