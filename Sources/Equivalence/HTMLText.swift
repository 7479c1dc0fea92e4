/// HTML text and attribute escaping: every text a report shows (testcase
/// names, trace lines, messages of the RTL, file paths) goes through it.
public enum HTMLText {
    public static func escape(_ s: String) -> String { escaped(s, apostrophe: "&#39;", dropDelete: true) }

    /// The escaping shared with the JUnit XML (`JUnitReport.escape`): `&<>"` and `'` as
    /// `apostrophe`; control characters other than tab/newline dropped, DEL too when `dropDelete`.
    static func escaped(_ s: String, apostrophe: String, dropDelete: Bool) -> String {
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
