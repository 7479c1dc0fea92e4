import Lockstep

/// HTML text and attribute escaping: every text a report shows (testcase
/// names, trace lines, messages of the RTL, file paths) goes through it.
public enum HTMLText {
    /// `s` with `&`, `<`, `>`, `"` and `'` as entities and DEL characters dropped, for text and attribute values.
    public static func escape(_ s: String) -> String { escaped(s, apostrophe: "&#39;", dropDelete: true) }

    /// The escaping shared with the JUnit XML (`Lockstep.MarkupText`).
    static func escaped(_ s: String, apostrophe: String, dropDelete: Bool) -> String {
        MarkupText.escaped(s, apostrophe: apostrophe, dropDelete: dropDelete)
    }
}
