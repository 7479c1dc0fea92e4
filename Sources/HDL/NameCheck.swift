/// Name checks: the module, every signal, memory and instance must have a legal,
/// non-reserved, unique Verilog name. Generated names of unbound instance outputs
/// (`<instance>_<port>`) are checked like any other.
extension ModuleBuilder {
    func checkNames(into found: inout [Problem]) {
        if let why = Naming.problem(with: name) {
            found.append(Problem(location, "module name `\(name)` \(why)", fix: "choose another module name"))
        }
        var taken: [String: (what: String, at: SourceLocation)] = [:]
        func claim(_ verilog: String, _ swift: String, _ noun: String, _ at: SourceLocation) {
            let what = verilog == swift ? "\(noun) `\(swift)`" : "\(noun) `\(swift)` (Verilog `\(verilog)`)"
            if let why = Naming.problem(with: verilog) {
                found.append(Problem(at, "the name of \(what) \(why)", fix: "rename it"))
                return
            }
            if let other = taken[verilog] {
                found.append(Problem(at, "\(what) clashes with \(other.what) declared at \(other.at): both are `\(verilog)` in Verilog",
                                     fix: "rename one of them"))
                return
            }
            taken[verilog] = (what, at)
        }
        checkModuleNames(into: &found)
        for s in signals { claim(s.name, s.swiftName, s.noun, s.location) }
        for m in memories { claim(m.name, m.swiftName, m.registers == nil ? "memory" : "register array", m.location) }
        for p in parameters { claim(p.name, p.name, "localparam", p.location) }
        for i in instances { claim(i.name, i.name, "instance", i.location) }
    }

    /// The emitter writes each module name once, so two different modules (e.g. two
    /// parameterisations) under one name anywhere in the hierarchy are refused.
    func checkModuleNames(into found: inout [Problem]) {
        var seen: [String: (module: Module, at: SourceLocation)] = [:]
        var work: [(Module, SourceLocation)] = instances.map { ($0.module, $0.location) }
        var visited = Set<ObjectIdentifier>()
        while !work.isEmpty {
            let (module, at) = work.removeFirst()
            guard visited.insert(ObjectIdentifier(module)).inserted else { continue }
            if module.name == name {
                found.append(Problem(at, "the instance at \(at) uses a module named `\(name)`, the name of the module being built",
                                     fix: "give one of them another name"))
            } else if let other = seen[module.name] {
                if other.module != module {
                    found.append(Problem(at, "two different modules are named `\(module.name)` (instantiated at \(other.at) and \(at)); the Verilog can hold only one",
                                         fix: "give each variant its own module name (e.g. with its parameters: `\(module.name)_4`)"))
                }
            } else {
                seen[module.name] = (module, at)
            }
            work.append(contentsOf: module.instances.map { ($0.module, at) })
        }
    }
}
