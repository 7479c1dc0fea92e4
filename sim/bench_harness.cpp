// Plain C++ Verilator bench harness for `trapline bench` (SPEC 12 cpp_cycles_per_s).
//
// Drives the SAME compiled trapline_router model (linked against the same
// Verilated objects as the Swift co-simulation) with the SAME stimulus and the
// SAME per-cycle handshake as the Swift test bench (RouterSim
// VerilatorRouter.drive): per cycle two SplitMix64 draws, idle then stall
// (hit = below(100) < percent), cmd_valid = a command is left && !idle, the
// next command's operands always driven, rsp_ready = !stall; inputs applied
// with the clock low, evaluate, sample cmd_ready / rsp_*, rising edge,
// evaluate. It only checksums the responses (no reference model).
//
// Usage: bench_harness COMMANDS.bin SEED IDLE STALL
// COMMANDS.bin: "TLCMDS01", uint64 count, then per command 11 little-endian
// uint64: op reason vector intType errValid errCode qual vmcs field data guest.
// Prints: cycles=N responses=N checksum=HEX seconds=S (the timed loop only).
#include "Vtrapline_router.h"
#include "verilated.h"
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {
struct SplitMix64 {
    uint64_t state;
    uint64_t next() {
        state += 0x9E3779B97F4A7C15ull;
        uint64_t z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    bool chance(uint64_t percent) {
        return (uint64_t)(((unsigned __int128)next() * 100u) >> 64) < percent;
    }
};

inline uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001B3ull; }

inline void load(Vtrapline_router* t, const uint64_t* c) {
    t->cmd_op = (CData)c[0]; t->cmd_reason = (SData)c[1]; t->cmd_vector = (CData)c[2];
    t->cmd_int_type = (CData)c[3]; t->cmd_err_valid = (CData)c[4]; t->cmd_err_code = (IData)c[5];
    t->cmd_qual = c[6]; t->cmd_vmcs = (CData)c[7]; t->cmd_field = (IData)c[8];
    t->cmd_data = c[9]; t->cmd_guest = (CData)c[10];
}
}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) { std::fprintf(stderr, "usage: %s COMMANDS.bin SEED IDLE STALL\n", argv[0]); return 2; }
    FILE* f = std::fopen(argv[1], "rb");
    if (!f) { std::fprintf(stderr, "cannot open %s\n", argv[1]); return 2; }
    char magic[8]; uint64_t n = 0;
    if (std::fread(magic, 1, 8, f) != 8 || std::memcmp(magic, "TLCMDS01", 8) != 0 || std::fread(&n, 8, 1, f) != 1) {
        std::fprintf(stderr, "%s is not a TLCMDS01 command file\n", argv[1]); return 2;
    }
    std::vector<uint64_t> cmds(n * 11 + 11);
    if (std::fread(cmds.data(), 8, n * 11, f) != n * 11) { std::fprintf(stderr, "%s is truncated\n", argv[1]); return 2; }
    std::fclose(f);
    const uint64_t seed = std::strtoull(argv[2], nullptr, 10);
    const uint64_t idlePercent = std::strtoull(argv[3], nullptr, 10);
    const uint64_t stallPercent = std::strtoull(argv[4], nullptr, 10);

    VerilatedContext* ctx = new VerilatedContext;
    ctx->randReset(2);
    ctx->randSeed(1);
    Vtrapline_router* t = new Vtrapline_router(ctx, "TOP");

    // Reset: 2 cycles, cmd_valid and rsp_ready low, first command's operands driven.
    t->rst = 1; t->cmd_valid = 0; t->rsp_ready = 0;
    if (n) load(t, &cmds[0]);
    for (int i = 0; i < 2; ++i) { t->clk = 0; t->eval(); t->clk = 1; t->eval(); }
    t->rst = 0;

    SplitMix64 rng{seed};
    uint64_t next = 0, got = 0, loaded = 0, cycles = 0, checksum = 0xCBF29CE484222325ull;
    const uint64_t limit = 1000 + n * 1000;
    auto start = std::chrono::steady_clock::now();
    while (got < n) {
        const bool idle = rng.chance(idlePercent);
        const bool stall = rng.chance(stallPercent);
        if (next < n && loaded != next) { load(t, &cmds[next * 11]); loaded = next; }
        const bool valid = next < n && !idle;
        t->cmd_valid = valid; t->rsp_ready = !stall;
        t->clk = 0; t->eval();
        const bool accepted = valid && t->cmd_ready;
        if (!stall && t->rsp_valid) {
            uint64_t h = checksum;
            h = mix(h, t->rsp_kind); h = mix(h, t->rsp_target); h = mix(h, t->rsp_self); h = mix(h, t->rsp_fallback);
            h = mix(h, t->rsp_policy); h = mix(h, t->rsp_from); h = mix(h, t->rsp_reason); h = mix(h, t->rsp_qual);
            h = mix(h, t->rsp_info); h = mix(h, t->rsp_err_code); h = mix(h, t->rsp_entry); h = mix(h, t->rsp_data);
            h = mix(h, t->rsp_current); h = mix(h, t->rsp_error);
            checksum = h; ++got;
        }
        t->clk = 1; t->eval();
        ++cycles;
        if (accepted) ++next;
        if (cycles > limit) { std::fprintf(stderr, "harness: the router hung after %" PRIu64 " cycles\n", cycles); return 1; }
    }
    auto stop = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(stop - start).count();
    std::printf("cycles=%" PRIu64 " responses=%" PRIu64 " checksum=%016" PRIx64 " seconds=%.6f\n", cycles, got, checksum, seconds);
    t->final();
    delete t; delete ctx;
    return 0;
}
