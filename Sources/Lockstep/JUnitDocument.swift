import Foundation

/// A JUnit XML report, the form CI systems read: suites of test cases, each
/// passing or failing with a message and a text. Written by any lockstep
/// campaign and by the router's `trapline equiv` alike.
public struct JUnitDocument: Sendable, Equatable {
    /// A failing test case's `<failure>` element.
    public struct Failure: Sendable, Equatable {
        /// The one-line message (the `message` attribute).
        public var message: String
        /// The kind of failure (the `type` attribute), e.g. "divergence" or "mismatch".
        public var type: String
        /// The full report (the element's text): what differed, the trace, the replay line.
        public var text: String
        /// A failure with its message, type and text.
        public init(message: String, type: String, text: String) { self.message = message; self.type = type; self.text = text }
    }
    /// One `<testcase>`.
    public struct Case: Sendable, Equatable {
        /// The `classname` attribute (CI tools group cases by it).
        public var classname: String
        /// The test case's name.
        public var name: String
        /// Time the case took, in seconds.
        public var seconds: Double
        /// Why it failed; nil when it passed.
        public var failure: Failure?
        /// A test case, passing unless `failure` is given.
        public init(classname: String, name: String, seconds: Double, failure: Failure? = nil) {
            self.classname = classname; self.name = name; self.seconds = seconds; self.failure = failure
        }
    }
    /// One `<testsuite>`: a group of cases.
    public struct Suite: Sendable, Equatable {
        /// The suite's name.
        public var name: String
        /// Its test cases, in order.
        public var cases: [Case]
        /// A suite of `cases`.
        public init(name: String, cases: [Case]) { self.name = name; self.cases = cases }
    }

    /// The name of the whole report (the `<testsuites>` element).
    public var name: String
    /// The suites, in order.
    public var suites: [Suite]
    /// Total time of the run (default: the sum of the cases').
    public var seconds: Double?

    /// A report; `seconds` is the run's total time (default: the sum of the cases').
    public init(name: String, suites: [Suite], seconds: Double? = nil) { self.name = name; self.suites = suites; self.seconds = seconds }

    /// The XML text.
    public var xml: String {
        let all = suites.flatMap(\.cases)
        let total = seconds ?? all.reduce(0) { $0 + $1.seconds }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(Self.escape(name))\" tests=\"\(all.count)\" failures=\"\(all.filter { $0.failure != nil }.count)\" time=\"\(Self.seconds(total))\">\n"
        for s in suites {
            let time = s.cases.reduce(0) { $0 + $1.seconds }
            out += "  <testsuite name=\"\(Self.escape(s.name))\" tests=\"\(s.cases.count)\" failures=\"\(s.cases.filter { $0.failure != nil }.count)\" errors=\"0\" skipped=\"0\" time=\"\(Self.seconds(time))\">\n"
            for c in s.cases {
                out += "    <testcase classname=\"\(Self.escape(c.classname))\" name=\"\(Self.escape(c.name))\" time=\"\(Self.seconds(c.seconds))\""
                if let f = c.failure {
                    out += ">\n      <failure message=\"\(Self.escape(f.message))\" type=\"\(Self.escape(f.type))\">\(Self.escape(f.text))</failure>\n    </testcase>\n"
                } else {
                    out += "/>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }

    /// XML text/attribute escaping: `&<>"'`; control characters other than tab and newline dropped.
    public static func escape(_ s: String) -> String { MarkupText.escaped(s, apostrophe: "&apos;", dropDelete: false) }
}

/// The escaping of every text that goes into XML or HTML (JUnit reports, the
/// router's HTML report): one function, so the two cannot drift.
public enum MarkupText {
    /// `&<>"` escaped and `'` as `apostrophe`; control characters other than tab and
    /// newline dropped, DEL too when `dropDelete`.
    public static func escaped(_ s: String, apostrophe: String, dropDelete: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            case "\n", "\t": out.unicodeScalars.append(u)
            default: if u.value >= 0x20 && !(dropDelete && u.value == 0x7F) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
