import Foundation

/// Verilog text that a simulator's front end refused: a syntax error, no
/// module of the expected name, an empty file, a module it cannot find. The
/// input's fault (the CLI's exit 2), not the tool's (`ToolError`, exit 3).
///
/// The tools name the file by the path of a copy in a temporary build
/// folder, deleted by the time anyone reads the message; `errors` holds
/// their error lines with that path replaced by `fileMarker`, and the
/// description puts `source` (the user's file, e.g. the `--rtl` path) in its
/// place. The description ends with the fix.
public struct VerilogRejected: Error, CustomStringConvertible, Sendable, Equatable {
    /// The program that refused it: "verilator" or "iverilog".
    public var tool: String
    /// The module that was to be simulated.
    public var top: String
    /// The tool's error lines (with `fileMarker` for the file).
    public var errors: [String]
    /// What is wrong, found from the text itself (empty file, no module `top`), or nil.
    public var diagnosis: String?
    /// How to name the file in messages (a path); nil: "the Verilog text".
    public var source: String?

    /// Stands for the file in `errors` until `source` names it.
    public static let fileMarker = "\u{1}FILE\u{1}"

    /// `output`: what the tool printed; `copies`: the paths under which it saw
    /// the text (temporary copies), each replaced by the marker.
    public init(tool: String, top: String, verilog: String, output: String, copies: [String]) {
        self.tool = tool; self.top = top
        var lines: [String] = []
        for raw in output.split(separator: "\n") {
            var line = String(raw)
            for copy in copies.sorted(by: { $0.count > $1.count }) {
                line = line.replacingOccurrences(of: copy, with: Self.fileMarker)
            }
            lines.append(line)
        }
        // The tools' closing remarks say nothing about the file.
        let noise = ["Exiting due to", "Cannot continue", "I give up", "during elaboration", "***", "referenced 1 times",
                     "See the manual", "... For error description"]
        errors = Array(lines.filter { line in !noise.contains { line.contains($0) } }.prefix(12))
        diagnosis = Self.diagnose(verilog, top: top)
    }

    /// What the text shows without a parser: empty, or no `module top`.
    static func diagnose(_ verilog: String, top: String) -> String? {
        if verilog.allSatisfy({ $0.isWhitespace }) { return "the file is empty" }
        let modules = moduleNames(verilog)
        if !modules.contains(top) {
            return modules.isEmpty ? "the file declares no module (no `module NAME (...)`)"
                : "the file has no module named \(top) (it declares \(modules.joined(separator: ", ")))"
        }
        return nil
    }

    /// The names after each `module` keyword (comments are not skipped: good enough for a hint).
    static func moduleNames(_ verilog: String) -> [String] {
        var names: [String] = []
        let words = verilog.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") })
        for (i, w) in words.enumerated() where w == "module" && i + 1 < words.count {
            names.append(String(words[i + 1]))
        }
        return names
    }

    /// The file as messages name it.
    public var fileName: String { source ?? "the Verilog text" }

    /// The file, the tool and the top module, each error line of the tool, then the fix.
    public var description: String {
        let shown = errors.map { "  " + $0.replacingOccurrences(of: Self.fileMarker, with: fileName) }
        let fix: String
        if let diagnosis {
            fix = "\(diagnosis); give a Verilog file whose top module is \(top) with the ports of the interface (module \(top)(...))"
        } else {
            fix = "fix the Verilog at the lines shown (`verilator --lint-only -Wall --top-module \(top) \(source ?? "FILE.v")` lists every problem)"
        }
        return "\(fileName): \(tool) cannot compile it as module \(top):\n" + shown.joined(separator: "\n") + "\n\(fix)"
    }
}
