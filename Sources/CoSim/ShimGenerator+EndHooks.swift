extension ShimGenerator {
    /// Verilator's user-overridable end handlers (`vl_finish`, `vl_stop`,
    /// `vl_fatal`; the runtime leaves them out under `-DVL_USER_*`) and the
    /// guard every `tl_` entry point that evaluates wraps around the model.
    /// The handlers copy Verilator's file, line and message (the message may
    /// be a temporary string) into a `TlEnd` and throw it; `TL_GUARD` records
    /// it in the instance with the cycle it happened in. A C++ exception of
    /// the model or the runtime (`std::bad_alloc`) is recorded as fatal too,
    /// so nothing unwinds into Swift. Visibility is hidden: each model library
    /// binds its own handlers.
    static let endHooks = #"""
    struct TlEnd {
        int kind;   // ModelEnd.Kind: 1 $finish, 2 $stop, 3 fatal error
        int line;
        uint64_t cycle;
        char file[512];
        char message[512];
    };

    static TlEnd tl_end_event(int kind, const char* file, int line, const char* message) {
        TlEnd e{};
        e.kind = kind; e.line = line;
        std::snprintf(e.file, sizeof e.file, "%s", file ? file : "");
        std::snprintf(e.message, sizeof e.message, "%s", message ? message : "");
        return e;
    }

    void vl_finish(const char* file, int line, const char*) { throw tl_end_event(1, file, line, ""); }
    void vl_stop(const char* file, int line, const char*) { throw tl_end_event(2, file, line, ""); }
    void vl_fatal(const char* file, int line, const char*, const char* msg) { throw tl_end_event(3, file, line, msg); }

    #define TL_GUARD(s, cycleExpr, body) \
        try { body; } \
        catch (const TlEnd& e) { (s)->end = e; (s)->end.cycle = (cycleExpr); } \
        catch (const std::exception& e) { (s)->end = tl_end_event(3, "", 0, e.what()); (s)->end.cycle = (cycleExpr); } \
        catch (...) { (s)->end = tl_end_event(3, "", 0, "unknown C++ exception"); (s)->end.cycle = (cycleExpr); }
    """#
}
