/// Generates the `extern "C"` shim compiled next to a Verilated model.
///
/// The C ABI (all functions `tl_`-prefixed, visible; everything else hidden):
/// - `void* tl_new(uint32_t seed, uint64_t* in, uint64_t* out, uint64_t* sampled)`:
///   a new model instance. The three buffers belong to the caller and must
///   outlive the instance. `out` and `sampled` hold the outputs, then the
///   observed internal signals (`PortLayout`), copied by the same `collect`. Initial register values are random (Verilator
///   `--x-initial unique`, `randReset(2)`) from `seed`.
/// - `void tl_free(void*)`: runs `final()`, closes any trace, deletes.
/// - `int tl_step(void*, uint64_t n)`: n clock cycles (see `VerilatedModel.step`);
///   fills `sampled`, not `out` (the next `tl_settle` does, only when peeked).
///   Returns 0, or the `ModelEnd.Kind` raw value once the simulation has ended.
/// - `int tl_run(void*, uint64_t n, const uint64_t* rows, uint32_t nIn, const int64_t* inSlots,
///   uint64_t* outRows, uint32_t nOut, const int64_t* outSlots, uint64_t* done)`: n cycles of
///   the main clock, each from its own row of `nIn` input values (row i's value j goes to
///   input slot `inSlots[j]`), writing row i of `nOut` outputs sampled before the rising
///   edge (from slot `outSlots[j]`): a batch of `tl_step(p, 1)` calls without a return to
///   Swift per cycle. `*done` gets the cycles completed (n unless the simulation ended);
///   same return value as `tl_step`.
/// - `int tl_tick(void*, uint32_t slot, uint64_t n)`: n cycles of the
///   secondary clock whose input slot is `slot` (see `VerilatedModel.tick`):
///   each sets that slot to 0, applies the inputs, evaluates, then to 1,
///   applies, evaluates; fills `sampled` before the last rising edge; the main
///   clock is not touched. Same return value as `tl_step`.
/// - `int tl_settle(void*)`: applies the inputs and evaluates without a clock edge
///   (same return value).
/// - `int tl_end(void*, const char** file, int* line, const char** message,
///   uint64_t* cycle)`: how the simulation ended (0: it has not); see below.
/// - `int tl_trace_open(void*, const char*)`, `void tl_trace_close(void*)`,
///   `void tl_trace_flush(void*)`: VCD output (open returns -1 when the model
///   was built without `--trace`).
/// - `uint32_t tl_abi(void)`: `ShimGenerator.version`, checked at load.
///
/// Ending: the model is compiled with `-DVL_USER_FINISH -DVL_USER_STOP
/// -DVL_USER_FATAL` (`ToolchainIdentity.cxxFlags`), so Verilator's `$finish`,
/// `$stop` and fatal-error handlers are the shim's (`endHooks`): instead of
/// printing and calling `exit(0)` (a second `$finish`) or `abort()` (`$fatal`,
/// a region that does not converge), they throw, the `tl_` entry point that
/// was evaluating catches, records the event with Verilator's file and line
/// and freezes the instance: every later `tl_step`/`tl_settle` returns the
/// event's kind at once. Nothing of this runs per cycle (C++ exceptions cost
/// nothing until thrown), and the model can never end the host process.
enum ShimGenerator {
    /// Bumped whenever the generated text or the ABI changes (part of the cache key).
    static let version: UInt32 = 10

    /// The C++ declaration of Verilator's root evaluation function, if the
    /// Verilated `V<top>.cpp` has the known `eval_step` shape (checked on its
    /// text; Verilator 5). Calling it directly in the per-cycle loop skips
    /// `eval_step`'s per-call thread-local bookkeeping (mtask id, end-of-eval
    /// message queue), which in a dlopen'ed library costs a TLS-descriptor
    /// call per access (measured: a large part of the Swift/C++ gap). Not used
    /// for trace builds (eval_step also marks trace activity), nor when the
    /// shape is unknown: then `eval()` is called.
    static func directEval(top: String, verilatedSource: String, trace: Bool) -> String? {
        let root = "V\(top)___024root"
        let decl = "void \(root)___eval(\(root)* vlSelf);"
        guard !trace, verilatedSource.contains(decl), verilatedSource.contains("\(root)___eval(&(vlSymsp->TOP));") else { return nil }
        return decl
    }

    static func source(spec: ModelSpec, layout: PortLayout, directEval: String? = nil) -> String {
        let cls = "V\(spec.top)"
        let evalDefinition = directEval.map { "\($0)\n#define TL_EVAL(t) \(cls)___024root___eval((t)->rootp)" }
            ?? "#define TL_EVAL(t) (t)->eval()"
        var apply: [String] = [], collect: [String] = []
        for e in layout.entries {
            let p = e.port
            if p.direction == .input {
                if e.slots == 1 && p.width <= 64 {
                    apply.append("    t->\(p.name) = (\(p.storage.rawValue))in[\(e.slot)];")
                } else {
                    for w in 0..<e.slots { apply.append("    t->\(p.name)[\(w)] = (EData)in[\(e.slot + w)];") }
                }
            } else {
                if e.slots == 1 && p.width <= 64 {
                    collect.append("    o[\(e.slot)] = (uint64_t)t->\(p.name);")
                } else {
                    for w in 0..<e.slots { collect.append("    o[\(e.slot + w)] = (uint64_t)t->\(p.name)[\(w)];") }
                }
            }
        }
        // Observed internal signals: root members kept by public_flat_rd (VerilatorNames), after the outputs.
        for e in layout.observed {
            let member = "t->rootp->" + VerilatorNames.member(top: spec.top, path: e.port.name.split(separator: ".").map(String.init))
            if e.slots == 1 {
                collect.append("    o[\(e.slot)] = (uint64_t)\(member);")
            } else {
                for w in 0..<e.slots { collect.append("    o[\(e.slot + w)] = (uint64_t)\(member)[\(w)];") }
            }
        }
        let rootInclude = layout.observed.isEmpty ? "" : "#include \"\(cls)___024root.h\"  // observed signals\n"
        return """
        // Generated by Trapline CoSim shim generator v\(version). Do not edit.
        #include "\(cls).h"
        \(rootInclude)#include "verilated.h"
        #include <mutex>
        #include <cstdint>
        #include <cstdio>
        #include <exception>
        #if VM_TRACE
        #include "verilated_vcd_c.h"
        #endif
        #define TL_EXPORT extern "C" __attribute__((visibility("default")))
        \(evalDefinition)

        \(endHooks)

        namespace {
        struct Sim {
            VerilatedContext* ctx;
            \(cls)* top;
        #if VM_TRACE
            VerilatedVcdC* tfp;
        #endif
            uint64_t time;
            uint64_t ticks;   // secondary-clock cycles run (each takes 10 time units too)
            uint64_t* in;     // Swift's buffer; tl_tick writes the secondary clocks' slots
            uint64_t* out;
            uint64_t* sampled;
            TlEnd end;   // kind 0 while the simulation runs
        };
        std::mutex g_construct;  // Verilator's random-reset seed is process-global
        // Main-clock cycles completed: every cycle of any clock takes 10 time units.
        #define TL_CYCLE(s) ((s)->time / 10 - (s)->ticks)

        inline void apply(Sim* s) {
            \(cls)* t = s->top; const uint64_t* in = s->in; (void)t; (void)in;
        \(apply.joined(separator: "\n"))
        }
        inline void collect(Sim* s, uint64_t* o) {
            \(cls)* t = s->top; (void)t; (void)o;
        \(collect.joined(separator: "\n"))
        }
        inline void dump(Sim* s) {
        #if VM_TRACE
            if (s->tfp) s->tfp->dump(s->time);
        #endif
            s->time += 5;
        }
        }  // namespace

        TL_EXPORT uint32_t tl_abi(void) { return \(version); }

        TL_EXPORT void* tl_new(uint32_t seed, uint64_t* in, uint64_t* out, uint64_t* sampled) {
            std::lock_guard<std::mutex> lock(g_construct);
            Sim* s = new Sim();
            s->ctx = new VerilatedContext;
            s->ctx->randReset(2);
            s->ctx->randSeed((int)(seed & 0x7fffffffu) | 1);
            s->ctx->fatalOnError(false);
        #if VM_TRACE
            s->ctx->traceEverOn(true);
            s->tfp = nullptr;
        #endif
            Verilated::threadContextp(s->ctx);
            s->top = new \(cls)(s->ctx, "TOP");
            s->time = 0; s->ticks = 0; s->in = in; s->out = out; s->sampled = sampled;
            s->top->\(spec.clock) = 0;
            apply(s);
            TL_GUARD(s, 0, s->top->eval());   // initial blocks run here
            collect(s, out);
            collect(s, sampled);
            return s;
        }

        TL_EXPORT void tl_trace_close(void* p) {
        #if VM_TRACE
            Sim* s = (Sim*)p;
            if (s->tfp) { s->tfp->close(); delete s->tfp; s->tfp = nullptr; }
        #else
            (void)p;
        #endif
        }

        TL_EXPORT void tl_free(void* p) {
            Sim* s = (Sim*)p;
            if (!s) return;
            tl_trace_close(p);
            if (!s->end.kind) TL_GUARD(s, TL_CYCLE(s), s->top->final());
            delete s->top;
            delete s->ctx;
            delete s;
        }

        // The cycle an event happened in: dump() adds 5 after each of a cycle's two evaluations.
        TL_EXPORT int tl_step(void* p, uint64_t n) {
            Sim* s = (Sim*)p;
            if (s->end.kind) return s->end.kind;
            \(cls)* t = s->top;
            apply(s);
            TL_GUARD(s, TL_CYCLE(s) + 1,
                for (uint64_t i = 0; i < n; ++i) {
                    t->\(spec.clock) = 0; TL_EVAL(t); dump(s);
                    if (i + 1 == n) collect(s, s->sampled);
                    t->\(spec.clock) = 1; TL_EVAL(t); dump(s);
                });
            return s->end.kind;
        }

        // The cycles before an end are completed; the cycle the end happened in is not.
        TL_EXPORT int tl_run(void* p, uint64_t n, const uint64_t* rows, uint32_t nIn, const int64_t* inSlots,
                             uint64_t* outRows, uint32_t nOut, const int64_t* outSlots, uint64_t* done) {
            Sim* s = (Sim*)p;
            uint64_t i = 0;
            *done = 0;
            if (s->end.kind) return s->end.kind;
            \(cls)* t = s->top;
            uint64_t* in = s->in; uint64_t* sampled = s->sampled;
            TL_GUARD(s, TL_CYCLE(s) + 1,
                for (; i < n; ++i) {
                    const uint64_t* row = rows + i * nIn;
                    for (uint32_t j = 0; j < nIn; ++j) in[inSlots[j]] = row[j];
                    apply(s);
                    t->\(spec.clock) = 0; TL_EVAL(t); dump(s);
                    collect(s, sampled);
                    uint64_t* out = outRows + i * nOut;
                    for (uint32_t j = 0; j < nOut; ++j) out[j] = sampled[outSlots[j]];
                    t->\(spec.clock) = 1; TL_EVAL(t); dump(s);
                });
            *done = i;
            return s->end.kind;
        }

        // A secondary clock lives in an input slot: the main clock keeps its level. An end
        // during a tick is reported in the main-clock cycle in progress (TL_CYCLE + 1).
        TL_EXPORT int tl_tick(void* p, uint32_t slot, uint64_t n) {
            Sim* s = (Sim*)p;
            if (s->end.kind) return s->end.kind;
            \(cls)* t = s->top;
            uint64_t* clock = s->in + slot;
            TL_GUARD(s, TL_CYCLE(s) + 1,
                for (uint64_t i = 0; i < n; ++i) {
                    *clock = 0; apply(s); TL_EVAL(t); dump(s);
                    if (i + 1 == n) collect(s, s->sampled);
                    *clock = 1; apply(s); TL_EVAL(t); dump(s);
                    ++s->ticks;
                });
            return s->end.kind;
        }

        TL_EXPORT int tl_settle(void* p) {
            Sim* s = (Sim*)p;
            if (s->end.kind) { collect(s, s->out); return s->end.kind; }   // the ports as the end left them
            apply(s);
            TL_GUARD(s, TL_CYCLE(s), s->top->eval());
            collect(s, s->out);
            return s->end.kind;
        }

        TL_EXPORT int tl_end(void* p, const char** file, int* line, const char** message, uint64_t* cycle) {
            Sim* s = (Sim*)p;
            *file = s->end.file; *line = s->end.line; *message = s->end.message; *cycle = s->end.cycle;
            return s->end.kind;
        }

        TL_EXPORT int tl_trace_open(void* p, const char* path) {
        #if VM_TRACE
            Sim* s = (Sim*)p;
            tl_trace_close(p);
            s->tfp = new VerilatedVcdC;
            s->top->trace(s->tfp, 99);
            s->tfp->open(path);
            if (!s->tfp->isOpen()) { delete s->tfp; s->tfp = nullptr; return -2; }
            return 0;
        #else
            (void)p; (void)path; return -1;
        #endif
        }

        TL_EXPORT void tl_trace_flush(void* p) {
        #if VM_TRACE
            Sim* s = (Sim*)p;
            if (s->tfp) s->tfp->flush();
        #else
            (void)p;
        #endif
        }

        """
    }
}
