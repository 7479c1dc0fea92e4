import Foundation
import Testing
import TestSupport

/// Issue "Trapline for any design", docs item: every declaration of a library
/// target's public API carries a doc comment (`///` lines or a `/** */` block),
/// so `make docs` renders a usable reference. Attributes (`@inlinable`,
/// `@discardableResult`, ...) may stand between the comment and the
/// declaration; a blank line, a plain `//` comment or anything else may not.
/// A comment *below* an attribute does not count (Swift does not attach it: DocC
/// shows the declaration without it), nor can a member written on the line of its
/// type's `{` (`public enum E { case a, b }`) have one.
///
/// The public API, as the scanner sees it: a declaration spelled `public` or
/// `open` (one line or several), a case of a public enum, a requirement of a
/// public protocol and a member of a `public extension` (the extension line
/// itself needs none: DocC shows no extension comment) — at file scope or
/// inside types, at any nesting, as long as every enclosing type is public
/// (`public` on a member of an internal type is not API). Function bodies,
/// closures, accessors, string literals (multi-line and raw included) and
/// comments are skipped.
@Suite struct DocCommentTests {
    /// The library targets: every `.target(name:)` of Package.swift whose
    /// sources are in Sources/ (TestSupport lives in Tests/; the `trapline`
    /// CLI is an executable target).
    static func libraryTargets() throws -> [String] {
        let manifest = try String(contentsOf: RepoPaths.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var names: [String] = []
        for line in manifest.split(separator: "\n") where line.contains(".target(name: \"") {
            guard !line.contains("path:") else { continue }
            let after = line.split(separator: "\"", maxSplits: 2)
            if after.count >= 2 { names.append(String(after[1])) }
        }
        return names
    }

    @Test func everyPublicDeclarationOfALibraryTargetHasADocComment() throws {
        let targets = try Self.libraryTargets()
        // The list Package.swift gives must be the one the docs cover.
        for expected in ["HDL", "VerilogEmitter", "RouterDesign", "RouterSpec", "RouterModel", "CoSim",
                         "Lockstep", "Stimulus", "RouterSim", "Equivalence", "Formal"] {
            #expect(targets.contains(expected), "\(expected) is no longer a .target(name:) of Package.swift: \(targets)")
        }
        #expect(!targets.contains("trapline") && !targets.contains("TestSupport"))
        var missing: [String] = []
        var checked = 0
        for target in targets {
            let folder = RepoPaths.root.appendingPathComponent("Sources/\(target)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".swift") }.sorted()
            #expect(!files.isEmpty, "no Swift file in Sources/\(target)")
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                let declarations = DocCommentScanner.publicDeclarations(in: text)
                checked += declarations.count
                for d in declarations {
                    if let problem = d.problem { missing.append("Sources/\(target)/\(file):\(d.line): \(problem): \(d.text)") }
                }
            }
        }
        #expect(checked > 1000, "only \(checked) public declarations found: the scanner no longer sees them")
        if !missing.isEmpty {
            Issue.record("\(missing.count) public declaration(s) without a doc comment (add a `///` line above each):\n\(missing.joined(separator: "\n"))")
        }
    }

    /// Lockstep was documented by hand before this test existed: the scanner
    /// must find its declarations and call every one documented.
    @Test func lockstepIsFullyDocumented() throws {
        let folder = RepoPaths.root.appendingPathComponent("Sources/Lockstep")
        var count = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for d in DocCommentScanner.publicDeclarations(in: text) {
                count += 1
                #expect(d.problem == nil, "Sources/Lockstep/\(file):\(d.line): \(d.problem ?? ""): \(d.text)")
            }
        }
        #expect(count > 200)
    }

    /// The scanner on the shapes it must get right.
    @Test func scannerCases() {
        let source = #"""
        import Foundation

        /// Documented.
        public struct A {
            /// Documented, after an attribute.
            @inlinable
            @discardableResult public func f(
                a: Int,
                public b: Int
            ) -> Int { a }

            public var undocumented: Int { 1 }

            /// Nested type.
            public enum E: Int {
                /// One.
                case one = 1
                case two
                /// A function whose body has a switch.
                public func g() -> Int {
                    switch self {
                    case .one: return 1
                    case .two: return 2
                    }
                }
            }
            struct Internal {
                public var notAPI: Int
            }
            // a plain comment is not a doc comment
            public let plain = 1

            /// Blank line between.

            public let blank = 2
            let text = """
                public func insideAString()
                """
            /**
             A block doc comment.
             */
            public init() {}
        }

        public protocol P {
            /// Documented requirement.
            func documented()
            var requirement: Int { get }
        }

        public extension A {
            func implicitlyPublic() {}
            private func notPublic() {}
        }

        public final class C {
            /* not a doc comment */ public func inline() {}
        }

        /// Documented, its cases are not.
        public enum OneLine { case a, b }

        /// Documented.
        public struct D {
            @inlinable
            /// Below the attribute.
            public init() {}
        }
        """#
        let found = DocCommentScanner.publicDeclarations(in: source)
        let undocumented = found.filter { !$0.documented }.map(\.line)
        #expect(found.count == 20, "\(found.map { "\($0.line) \($0.documented) \($0.text)" })")
        #expect(undocumented == [12, 18, 31, 35, 45, 48, 52, 56, 57, 61, 67], "\(found.map { "\($0.line) \($0.documented) \($0.text)" })")
    }
}

/// A line-based scanner of Swift source good enough for a doc-comment check:
/// it blanks strings and comments, follows braces and parentheses, and reports
/// the first line of each public-API declaration and whether a doc comment
/// stands right above it (attribute lines allowed in between).
enum DocCommentScanner {
    /// A public-API declaration found by the scanner.
    struct Declaration {
        /// Its first line, 1-based.
        var line: Int
        /// That line's code, trimmed.
        var text: String
        /// Why it has no doc comment DocC would show; nil when it has one.
        var problem: String?
        /// Whether a doc comment stands right above it (attribute lines aside).
        var documented: Bool { problem == nil }
    }

    /// One source line after lexing: its code with strings and comments taken out.
    struct Line {
        var code = ""
        /// A `///` comment or a line of a `/** */` block is on the line.
        var doc = false
        /// Another comment (`//`, `/* */`) is on the line.
        var comment = false
    }

    private enum Mode {
        case code(interpolationParens: Int?)
        case string(multiline: Bool, hashes: Int)
        case blockComment(depth: Int, doc: Bool)
    }

    /// Splits `text` into lines of code: string contents and comments removed
    /// (a string becomes `""`), comment kinds recorded per line.
    static func lex(_ text: String) -> [Line] {
        let c = Array(text.unicodeScalars)
        var lines = [Line()]
        var stack: [Mode] = [.code(interpolationParens: nil)]
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { k < c.count ? c[k] : nil }
        func hashes(from k: Int) -> Int { var n = 0; while at(k + n) == "#" { n += 1 }; return n }
        while i < c.count {
            let ch = c[i]
            if ch == "\n" { lines.append(Line()); i += 1; continue }
            switch stack[stack.count - 1] {
            case .code(let parens):
                if ch == "/" && at(i + 1) == "/" {
                    let isDoc = at(i + 2) == "/" && at(i + 3) != "/"
                    if isDoc { lines[lines.count - 1].doc = true } else { lines[lines.count - 1].comment = true }
                    while i < c.count && c[i] != "\n" { i += 1 }
                    continue
                }
                if ch == "/" && at(i + 1) == "*" {
                    let isDoc = at(i + 2) == "*" && at(i + 3) != "*" && at(i + 3) != "/"
                    stack.append(.blockComment(depth: 1, doc: isDoc))
                    if isDoc { lines[lines.count - 1].doc = true } else { lines[lines.count - 1].comment = true }
                    i += 2; continue
                }
                let h = ch == "#" ? hashes(from: i) : 0
                if ch == "\"" || (h > 0 && at(i + h) == "\"") {
                    let q = i + h
                    let multiline = at(q + 1) == "\"" && at(q + 2) == "\""
                    stack.append(.string(multiline: multiline, hashes: h))
                    lines[lines.count - 1].code += "\"\""
                    i = q + (multiline ? 3 : 1); continue
                }
                if let p = parens {
                    if ch == "(" { stack[stack.count - 1] = .code(interpolationParens: p + 1) }
                    if ch == ")" {
                        if p == 1 { stack.removeLast(); i += 1; continue }
                        stack[stack.count - 1] = .code(interpolationParens: p - 1)
                    }
                }
                lines[lines.count - 1].code.unicodeScalars.append(ch)
                i += 1
            case .string(let multiline, let h):
                if ch == "\\" && hashes(from: i + 1) == h {
                    let next = i + 1 + h
                    if at(next) == "(" { stack.append(.code(interpolationParens: 1)); i = next + 1; continue }
                    i = next + (at(next) == "\n" ? 0 : 1); continue
                }
                if ch == "\"" {
                    let quotes = multiline ? 3 : 1
                    if (0..<quotes).allSatisfy({ at(i + $0) == "\"" }) && hashes(from: i + quotes) >= h {
                        stack.removeLast(); i += quotes + h; continue
                    }
                }
                i += 1
            case .blockComment(let depth, let doc):
                if doc { lines[lines.count - 1].doc = true } else { lines[lines.count - 1].comment = true }
                if ch == "/" && at(i + 1) == "*" { stack[stack.count - 1] = .blockComment(depth: depth + 1, doc: doc); i += 2; continue }
                if ch == "*" && at(i + 1) == "/" {
                    if depth == 1 { stack.removeLast() } else { stack[stack.count - 1] = .blockComment(depth: depth - 1, doc: doc) }
                    i += 2; continue
                }
                i += 1
            }
        }
        return lines
    }

    /// A brace scope: a body whose lines are declarations (file, type,
    /// extension) or code (functions, closures, accessors), with its open
    /// parentheses and brackets.
    private struct Scope {
        var members: Bool
        /// Declaration keyword of the type or extension (`enum`, `protocol`, ...).
        var keyword = ""
        /// The type or extension itself is marked public or open.
        var isPublic = false
        /// Every enclosing type is public: a `public` member here is API.
        var inAPI = true
        var parens = 0
    }

    static let declarationKeywords: Set<String> = [
        "func", "var", "let", "init", "subscript", "struct", "enum", "class", "protocol", "extension",
        "typealias", "case", "actor", "associatedtype", "macro", "deinit",
    ]
    static let typeKeywords: Set<String> = ["struct", "enum", "class", "protocol", "extension", "actor"]
    static let accessModifiers: Set<String> = ["public", "open", "package", "internal", "fileprivate", "private"]
    static let otherModifiers: Set<String> = [
        "static", "final", "override", "mutating", "nonmutating", "nonisolated", "convenience", "required",
        "indirect", "lazy", "weak", "unowned", "dynamic", "optional", "consuming", "borrowing", "isolated",
        "distributed", "prefix", "postfix", "infix", "class",
    ]

    /// The code's attributes (`@name` or `@name(...)`) taken off its front;
    /// nil when nothing but attributes is left.
    static func droppingAttributes(_ code: Substring) -> Substring? {
        var s = code.drop(while: { $0 == " " || $0 == "\t" })
        while s.first == "@" {
            s = s.dropFirst().drop(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." })
            if s.first == "(" {
                var depth = 0
                while let ch = s.first {
                    s = s.dropFirst()
                    if ch == "(" { depth += 1 }
                    if ch == ")" { depth -= 1; if depth == 0 { break } }
                }
            }
            s = s.drop(while: { $0 == " " || $0 == "\t" })
        }
        return s.isEmpty ? nil : s
    }

    /// Modifiers and keyword of a declaration line (attributes already off), or nil.
    static func declaration(_ code: Substring) -> (modifiers: [String], keyword: String)? {
        var words: [String] = []
        var s = code
        while true {
            s = s.drop(while: { $0 == " " || $0 == "\t" })
            let word = String(s.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" }))
            guard !word.isEmpty else { return nil }
            s = s.dropFirst(word.count)
            if s.first == "(", accessModifiers.contains(word) || word == "nonisolated" {
                // private(set), nonisolated(unsafe)
                s = s.drop(while: { $0 != ")" }).dropFirst()
                words.append(word + "(set)")
                continue
            }
            if word == "class", let next = s.drop(while: { $0 == " " }).split(separator: " ").first,
               declarationKeywords.contains(String(next.prefix(while: { $0.isLetter })))
                || otherModifiers.contains(String(next)) || accessModifiers.contains(String(next)) {
                words.append(word); continue
            }
            if declarationKeywords.contains(word) { return (words, word) }
            if accessModifiers.contains(word) || otherModifiers.contains(word) { words.append(word); continue }
            return nil
        }
    }

    /// Every public-API declaration of `text`, in order.
    static func publicDeclarations(in text: String) -> [Declaration] {
        let lines = lex(text)
        var result: [Declaration] = []
        var scopes = [Scope(members: true)]
        var pending: Scope?
        /// Classifies the declaration `code` starts with (if any) in `scope`: records it when
        /// it is API (with `problem`, or the doc comment check above line `index`), and returns
        /// the scope its body opens when it is a type or an extension.
        func visit(_ code: Substring, in scope: Scope, line index: Int, problem: String?) -> Scope? {
            guard let rest = droppingAttributes(code), let (modifiers, keyword) = declaration(rest) else { return nil }
            let access = modifiers.first(where: { accessModifiers.contains($0) })
            let explicit = access == "public" || access == "open"
            let implicit = access == nil && scope.isPublic
                && (scope.keyword == "protocol" || scope.keyword == "extension"
                    || (scope.keyword == "enum" && keyword == "case"))
            if scope.inAPI && (explicit || implicit) && keyword != "deinit" && keyword != "extension" {
                result.append(Declaration(line: index + 1, text: code.trimmingCharacters(in: .whitespaces),
                                          problem: problem ?? docCommentProblem(above: index, in: lines)))
            }
            guard typeKeywords.contains(keyword) else { return nil }
            let restricted = access == "private" || access == "fileprivate" || access == "internal" || access == "package"
            let inAPI = scope.inAPI && (explicit || implicit || (keyword == "extension" && !restricted))
            return Scope(members: true, keyword: keyword, isPublic: explicit || implicit, inAPI: inAPI)
        }
        for (index, line) in lines.enumerated() {
            let scope = scopes[scopes.count - 1]
            if scope.members && scope.parens == 0,
               let opened = visit(Substring(line.code), in: scope, line: index, problem: nil) {
                pending = opened
            }
            let code = line.code
            for i in code.indices {
                switch code[i] {
                case "{":
                    scopes.append(pending ?? Scope(members: false, inAPI: false))
                    if pending != nil {
                        // A member on the line of its type's `{` (`public enum E { case a, b }`)
                        // cannot have a doc comment of its own.
                        let after = code[code.index(after: i)...].prefix(while: { $0 != "}" })
                        _ = visit(after, in: scopes[scopes.count - 1], line: index,
                                  problem: "declared on the line of its type's `{`: give it a line of its own and a doc comment")
                    }
                    pending = nil
                case "}":
                    if scopes.count > 1 { scopes.removeLast() }
                case "(", "[":
                    scopes[scopes.count - 1].parens += 1
                case ")", "]":
                    scopes[scopes.count - 1].parens -= 1
                default:
                    break
                }
            }
        }
        return result
    }

    /// Why the lines above `index` hold no doc comment Swift attaches to the declaration
    /// there, nil when they do: attribute-only lines may stand between the comment and the
    /// declaration, but a comment *below* an attribute is not the declaration's (Swift
    /// and DocC ignore it).
    static func docCommentProblem(above index: Int, in lines: [Line]) -> String? {
        func isAttributeLine(_ j: Int) -> Bool {
            let code = lines[j].code.trimmingCharacters(in: .whitespaces)
            return code.hasPrefix("@") && droppingAttributes(Substring(code)) == nil && !lines[j].doc && !lines[j].comment
        }
        func isDocLine(_ j: Int) -> Bool {
            lines[j].code.trimmingCharacters(in: .whitespaces).isEmpty && lines[j].doc && !lines[j].comment
        }
        var j = index - 1
        while j >= 0 && isAttributeLine(j) { j -= 1 }
        guard j >= 0 && isDocLine(j) else { return "no doc comment above it" }
        while j >= 0 && isDocLine(j) { j -= 1 }
        if j >= 0 && isAttributeLine(j) {
            return "its doc comment is below an attribute, where Swift ignores it: move the comment above the attribute"
        }
        return nil
    }
}
