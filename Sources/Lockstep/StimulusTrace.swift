import Foundation

/// The inputs of one lockstep run, cycle by cycle after reset: what a
/// divergence is shrunk to, written to disk and replayed from.
///
/// File format (text, one cycle per line; `#` starts a comment):
/// ```
/// # trapline lockstep trace v1
/// design fifo
/// seed 1
/// run 7
/// init-seed 12345
/// reset-cycles 2
/// inputs in_valid:1 in_data:8 out_ready:1
/// 1 3f 0
/// 0 0 1
/// ```
/// Values are hexadecimal, one per input in the order of the `inputs` line.
public struct StimulusTrace: Equatable, Sendable {
    /// The top module of the design the trace drives.
    public var design: String
    /// The campaign seed and run the trace came from (for the record).
    public var seed: UInt64
    /// The run (from 0) of the campaign.
    public var run: Int
    /// Seed of the model's random initial register values.
    public var initSeed: UInt64
    /// Cycles the reset is held before the first row (the bench's `resetCycles`).
    public var resetCycles: Int
    /// The inputs, in column order: name and width.
    public var inputs: [(name: String, width: Int)]
    /// One row per cycle, one value per input.
    public var rows: [InputRow]

    /// A trace of `rows` (one value per input, in the order of `inputs`).
    public init(design: String, seed: UInt64, run: Int, initSeed: UInt64, resetCycles: Int,
                inputs: [(name: String, width: Int)], rows: [InputRow]) {
        self.design = design; self.seed = seed; self.run = run; self.initSeed = initSeed
        self.resetCycles = resetCycles; self.inputs = inputs; self.rows = rows
    }

    /// Equal when every header field, the inputs and the rows are.
    public static func == (a: StimulusTrace, b: StimulusTrace) -> Bool {
        a.design == b.design && a.seed == b.seed && a.run == b.run && a.initSeed == b.initSeed
            && a.resetCycles == b.resetCycles && a.inputs.map(\.name) == b.inputs.map(\.name)
            && a.inputs.map(\.width) == b.inputs.map(\.width) && a.rows == b.rows
    }

    /// The first line of every trace file (format version 1).
    public static let magic = "# trapline lockstep trace v1"

    /// The file's text.
    public var text: String {
        var out = "\(Self.magic)\ndesign \(design)\nseed \(seed)\nrun \(run)\ninit-seed \(initSeed)\nreset-cycles \(resetCycles)\n"
        out += "inputs " + inputs.map { "\($0.name):\($0.width)" }.joined(separator: " ") + "\n"
        for r in rows { out += r.values.map { String($0, radix: 16) }.joined(separator: " ") + "\n" }
        return out
    }

    /// Reads a trace; every problem is a `LockstepError.badTrace` naming the file and line.
    public static func parse(_ text: String, file: String) throws(LockstepError) -> StimulusTrace {
        var header: [String: String] = [:]
        var inputs: [(name: String, width: Int)]?
        var rows: [InputRow] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == magic }) == true else {
            throw .badTrace(file: file, line: 1, message: "not a lockstep trace: the first line must be '\(magic)'")
        }
        for (n, raw) in lines.enumerated().dropFirst() {
            let lineNo = n + 1
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let first = words.first else { continue }
            if let ins = inputs {
                guard words.count == ins.count else {
                    throw .badTrace(file: file, line: lineNo, message: "\(words.count) values for \(ins.count) inputs (\(ins.map(\.name).joined(separator: " ")))")
                }
                var values: [UInt64] = []
                for (i, w) in words.enumerated() {
                    guard let v = UInt64(w, radix: 16) else {
                        throw .badTrace(file: file, line: lineNo, message: "'\(w)' is not a hexadecimal value (input \(ins[i].name))")
                    }
                    let width = ins[i].width
                    guard width >= 64 || v >> UInt64(width) == 0 else {
                        throw .badTrace(file: file, line: lineNo, message: "value \(w) does not fit input \(ins[i].name) (\(width) bits)")
                    }
                    values.append(v)
                }
                rows.append(InputRow(values))
            } else if first == "inputs" {
                var list: [(name: String, width: Int)] = []
                for w in words.dropFirst() {
                    let parts = w.split(separator: ":")
                    guard parts.count == 2, let width = Int(parts[1]), (1...64).contains(width) else {
                        throw .badTrace(file: file, line: lineNo, message: "'\(w)' is not NAME:WIDTH with a width of 1...64")
                    }
                    list.append((String(parts[0]), width))
                }
                inputs = list
            } else {
                guard words.count == 2, ["design", "seed", "run", "init-seed", "reset-cycles"].contains(first) else {
                    throw .badTrace(file: file, line: lineNo, message: "unknown header line '\(line.trimmingCharacters(in: .whitespaces))'; expected design, seed, run, init-seed, reset-cycles or inputs")
                }
                header[first] = words[1]
            }
        }
        func number<T: FixedWidthInteger>(_ key: String, _: T.Type) throws(LockstepError) -> T {
            guard let s = header[key] else { throw .badTrace(file: file, line: 0, message: "the header has no '\(key)' line") }
            guard let v = T(s) else { throw .badTrace(file: file, line: 0, message: "'\(key) \(s)' is not a number") }
            return v
        }
        guard let design = header["design"] else { throw .badTrace(file: file, line: 0, message: "the header has no 'design' line") }
        guard let inputs else { throw .badTrace(file: file, line: 0, message: "the header has no 'inputs' line") }
        let reset = try number("reset-cycles", Int.self)
        guard (0...1000).contains(reset) else { throw .badTrace(file: file, line: 0, message: "reset-cycles \(reset) is outside 0...1000") }
        return StimulusTrace(design: design, seed: try number("seed", UInt64.self), run: try number("run", Int.self),
                             initSeed: try number("init-seed", UInt64.self), resetCycles: reset, inputs: inputs, rows: rows)
    }

    /// Reads a trace file.
    public static func read(_ url: URL) throws(LockstepError) -> StimulusTrace {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .badTrace(file: url.path, line: 0, message: "cannot read it (\((error as NSError).localizedDescription))")
        }
        return try parse(text, file: url.path)
    }

    /// Checks that the trace's inputs are `ports`' (names, order and widths).
    public func check(against ports: Ports, file: String) throws(LockstepError) {
        guard design == ports.design else {
            throw .badTrace(file: file, line: 0, message: "the trace is of design \(design), not \(ports.design)")
        }
        let mine = inputs.map { "\($0.name):\($0.width)" }, theirs = ports.inputs.map { "\($0.name):\($0.width)" }
        guard mine == theirs else {
            throw .badTrace(file: file, line: 0, message: "the trace's inputs (\(mine.joined(separator: " "))) are not \(ports.design)'s (\(theirs.joined(separator: " ")))")
        }
    }
}

/// One cycle's input values, in the order of `Ports.inputs`.
public struct InputRow: Equatable, Sendable, ShrinkableValues {
    /// The value of each input this cycle.
    public var values: [UInt64]
    /// A row of input values, in the order of `Ports.inputs`.
    public init(_ values: [UInt64]) { self.values = values }
    /// Every input value may be simplified by the shrinker.
    public var shrinkableCount: Int { values.count }
    /// Input value `slot`.
    public subscript(shrinkable slot: Int) -> UInt64 {
        get { values[slot] }
        set { values[slot] = newValue }
    }
}

/// Replays recorded rows as the stimulus (a shrunk trace, a file, an Icarus run).
public struct TraceStimulus: StimulusSource {
    @usableFromInline let rows: [InputRow]
    @usableFromInline var position = 0
    /// Replays `rows`, one per cycle; after the last row the inputs hold.
    public init(_ rows: [InputRow]) { self.rows = rows }
    /// Back to the first row.
    public mutating func start() { position = 0 }
    /// The rows are fixed: they never depend on the design's outputs.
    public var readsOutputs: Bool { false }
    /// Applies the next row (the random generator is not used).
    @inlinable public mutating func next(_ io: inout CycleIO, _ random: inout SeededRandom) {
        guard position < rows.count else { return }
        let r = rows[position]
        for i in r.values.indices { io.inputs[i] = r.values[i] }
        position += 1
    }
}
