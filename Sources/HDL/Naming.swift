/// How Swift names become Verilog names, and which names are legal.
///
/// The rule (one rule, applied to wires, registers, register arrays and memories;
/// ports and instance names keep their exact spelling):
/// an underscore is inserted before an uppercase letter that follows a lowercase letter
/// or a digit, and before the last uppercase letter of a run when a lowercase letter
/// follows it; then everything is lowercased. `loadCount` -> `load_count`,
/// `ioBase2` -> `io_base2`, `HTTPServer` -> `http_server`, `rsp_valid` stays.
public enum Naming {
    /// The Verilog name of the Swift name `name` by the rule above (`loadCount` -> `load_count`).
    public static func snakeCase(_ name: String) -> String {
        let chars = Array(name)
        var out = ""
        out.reserveCapacity(chars.count + 4)
        for (i, c) in chars.enumerated() {
            if c.isUppercase && i > 0 {
                let prev = chars[i - 1]
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if prev.isLowercase || prev.isNumber || (prev.isUppercase && nextIsLower) {
                    if prev != "_" { out.append("_") }
                }
            }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }

    /// A legal user identifier: an ASCII letter, then ASCII letters, digits or `_`.
    /// (A leading `_` is reserved for names the emitter generates.)
    public static func isLegal(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (isLetter($0) || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// Why `name` cannot be a Verilog name, or nil when it can.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if !isLegal(name) { return "is not a legal Verilog identifier (letters, digits and _, starting with a letter)" }
        if ReservedWords.contains(name) { return "is a reserved word in Verilog/SystemVerilog" }
        return nil
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }
}
