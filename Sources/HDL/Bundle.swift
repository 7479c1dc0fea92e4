/// Bundles: a group of signals declared once (a valid/ready/data stream, a bus), each field
/// with a direction, declared as ports or wires in one statement and connected in one.
///
///     let stream = BundleType("stream", [("valid", 1, .forward), ("ready", 1, .backward), ("data", 8, .forward)])
///     let input = m.input(stream, "in")     // in_valid, in_data inputs; in_ready an output
///     let output = m.output(stream, "out")  // out_valid, out_data outputs; out_ready an input
///     output <== input                      // out_valid <== in_valid, out_data <== in_data, in_ready <== out_ready
///
/// `forward` fields go from the producer to the consumer, `backward` fields the other way:
/// `m.input` declares the consumer side (forward fields are inputs), `m.output` the producer
/// side (the flipped directions), `m.wire` wires for every field.
public enum BundleDirection: Sendable, Equatable {
    /// From the producer to the consumer (`valid`, `data`): an input of `m.input`'s side.
    case forward
    /// From the consumer to the producer (`ready`): an output of `m.input`'s side.
    case backward
}

/// The shape of a bundle: its name (for messages) and its fields in order.
public struct BundleType: Sendable, Equatable {
    /// One field of a bundle: its name (the signal suffix), width and direction.
    public struct Field: Sendable, Equatable {
        /// The field's name; the signal is `<prefix>_<name>`.
        public var name: String
        /// Width in bits.
        public var width: Int
        /// `forward` (producer to consumer) or `backward`.
        public var direction: BundleDirection
    }
    /// The bundle type's name, used in messages.
    public let name: String
    /// The fields, in declaration order.
    public let fields: [Field]

    /// A bundle type named `name` with `(field name, width, direction)` triples in order.
    public init(_ name: String, _ fields: [(String, Int, BundleDirection)]) {
        self.name = name
        self.fields = fields.map { Field(name: $0.0, width: $0.1, direction: $0.2) }
    }
}

/// A declared bundle: one signal per field, named `<prefix>_<field>`.
public struct Bundle {
    /// The bundle's type.
    public let type: BundleType
    /// The name prefix of the field signals (`in` for `in_valid`).
    public let prefix: String
    let signals: [Signal]
    let location: SourceLocation

    /// The signal of field `name` (an unknown field is an elaboration error).
    public subscript(_ name: String) -> Signal {
        if let i = type.fields.firstIndex(where: { $0.name == name }) { return signals[i] }
        let b = signals[0].builder
        b.report(location, "bundle `\(prefix)` (\(type.name)) has no field `\(name)`",
                 fix: "use one of: \(type.fields.map(\.name).joined(separator: ", "))")
        return b.make(.constant(0), width: 1)
    }

    /// `sink <== source`: every forward field of `sink` is driven by `source`'s, every
    /// backward field of `source` by `sink`'s. Both must be of one `BundleType`.
    public static func <== (sink: Bundle, source: Bundle) { sink.connect(from: source, nil) }

    /// `sink <== source` with the call site recorded for messages.
    public func assign(_ source: Bundle, fileID: String = #fileID, line: Int = #line) {
        connect(from: source, SourceLocation(fileID: fileID, line: line))
    }

    func connect(from source: Bundle, _ at: SourceLocation?) {
        guard type == source.type else {
            signals[0].builder.report(at ?? location, "cannot connect bundle `\(source.prefix)` (\(source.type.name)) to bundle `\(prefix)` (\(type.name)): the bundle types differ",
                                      fix: "connect bundles of one BundleType, or connect the fields one by one")
            return
        }
        for (i, f) in type.fields.enumerated() {
            let (to, from) = f.direction == .forward ? (signals[i], source.signals[i]) : (source.signals[i], signals[i])
            to.builder.assign(to, from, at)
        }
    }
}

extension ModuleBuilder {
    /// The consumer side of `type` as ports named `<prefix>_<field>`: forward fields are
    /// inputs, backward fields outputs.
    public func input(_ type: BundleType, _ prefix: String, fileID: String = #fileID, line: Int = #line) -> Bundle {
        bundle(type, prefix, SourceLocation(fileID: fileID, line: line)) { f, name, at in
            f.direction == .forward ? self.declare(name, verilogName: name, width: f.width, kind: .input, at)
                                    : self.declare(name, verilogName: name, width: f.width, kind: .output, at)
        }
    }

    /// The producer side of `type` as ports named `<prefix>_<field>`: forward fields are
    /// outputs, backward fields inputs.
    public func output(_ type: BundleType, _ prefix: String, fileID: String = #fileID, line: Int = #line) -> Bundle {
        bundle(type, prefix, SourceLocation(fileID: fileID, line: line)) { f, name, at in
            f.direction == .forward ? self.declare(name, verilogName: name, width: f.width, kind: .output, at)
                                    : self.declare(name, verilogName: name, width: f.width, kind: .input, at)
        }
    }

    /// Wires for every field of `type`, named `<prefix>_<field>` (snake_cased).
    public func wire(_ type: BundleType, _ prefix: String, fileID: String = #fileID, line: Int = #line) -> Bundle {
        bundle(type, prefix, SourceLocation(fileID: fileID, line: line)) { f, name, at in
            self.declare(name, verilogName: Naming.snakeCase(name), width: f.width, kind: .wire, at)
        }
    }

    private func bundle(_ type: BundleType, _ prefix: String, _ at: SourceLocation,
                        _ make: (BundleType.Field, String, SourceLocation) -> Signal) -> Bundle {
        if type.fields.isEmpty {
            report(at, "bundle type `\(type.name)` has no fields", fix: "give it at least one field")
            return Bundle(type: type, prefix: prefix, signals: [self.make(.constant(0), width: 1)], location: at)
        }
        return Bundle(type: type, prefix: prefix, signals: type.fields.map { make($0, "\(prefix)_\($0.name)", at) }, location: at)
    }
}
