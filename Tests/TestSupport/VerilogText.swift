import Foundation

/// Emitted Verilog without its source-location comments (`// File.swift:LINE` lines and
/// trailing `  // File.swift:LINE`), for tests that assert on the shape of the code.
public func withoutLocationComments(_ verilog: String) -> String {
    var out: [Substring] = []
    for line in verilog.split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("// "), isLocation(trimmed.dropFirst(3)) { continue }
        if let r = line.range(of: "  // "), isLocation(line[r.upperBound...]) {
            out.append(line[..<r.lowerBound])
        } else {
            out.append(line)
        }
    }
    return out.joined(separator: "\n")
}

/// `File.swift:123` exactly.
private func isLocation(_ s: Substring) -> Bool {
    guard let colon = s.lastIndex(of: ":") else { return false }
    let file = s[..<colon], line = s[s.index(after: colon)...]
    return file.hasSuffix(".swift") && !file.contains(" ") && !line.isEmpty && line.allSatisfy(\.isNumber)
}
