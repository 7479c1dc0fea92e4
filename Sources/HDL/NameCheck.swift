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
        for s in signals { claim(s.name, s.swiftName, s.noun, s.location) }
        for m in memories { claim(m.name, m.swiftName, "memory", m.location) }
        for i in instances { claim(i.name, i.name, "instance", i.location) }
    }
}
