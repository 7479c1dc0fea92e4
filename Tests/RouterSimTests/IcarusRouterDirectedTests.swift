import Foundation
import RouterDesign
import RouterModel
import RouterSim
import Testing

/// Directed traces, one per SPEC section, through the generated router under
/// Icarus (random handshake) compared response for response with the reference.
@Suite struct IcarusRouterDirectedTests {
    typealias C = Command
    static func w(_ vmcs: UInt8, _ field: UInt32, _ data: UInt64) -> C { .vmwrite(vmcs: vmcs, field: field, data: data) }
    static func r(_ vmcs: UInt8, _ field: UInt32) -> C { .vmread(vmcs: vmcs, field: field) }
    static func io(port: UInt64, size: UInt64, inbound: Bool = true) -> C {
        .event(reason: 30, qual: port << 16 | (inbound ? 8 : 0) | (size - 1))
    }
    static func route(_ t: UInt32, policy: UInt64, vmm: UInt64) -> C { w(0, 0x4200 + 2 * t, vmm << 4 | policy) }

    /// Every VMM gets a distinct entry point; every VMCS field is read once.
    static let boot: [C] = (0..<4).map { w(UInt8($0), 0x6C16, 0x1000 * UInt64($0 + 1)) }

    static let traces: [String: [C]] = [
        // SPEC 4: guest-executed ops 1-5 become events, ops 6/7 are rejected, VMM ops execute.
        "4 commands": boot + [
            C(op: 6), C(op: 7, reason: 30), .launch(guest: 2),
            r(0, 0x4000), w(0, 0x4000, 1), .launch(guest: 1), .resume, .bitmapWrite(vmcs: 1, word: 3, data: 5),
            C(op: 6), C(op: 0, reason: 10), r(0, 0x4402), .launch(guest: 3), C(op: 5, vmcs: 1, field: 2, data: 9),
            .resume, .launch(guest: 3), C(op: 3, guest: 1), .resume, .launch(guest: 3), C(op: 4), .resume,
            r(0, 0x4402), r(0, 0x4602), r(0, 0x4600), r(0, 0x6400),
        ],
        // SPEC 5.1: unsupported reasons and malformed operands.
        "5.1 validation": boot + [7, 8, 28, 33, 35, 37, 54, 56, 63, 64, 0x1E, 0x101E, 0xFFFF].map { C.event(reason: $0) } + [
            .event(reason: 0, vector: 2, intType: 2), .event(reason: 0, vector: 3, intType: 2),
            .event(reason: 0, vector: 31, intType: 3), .event(reason: 0, vector: 32, intType: 3),
            .event(reason: 0, vector: 14, intType: 6, errValid: true, errCode: 7), .event(reason: 0, vector: 1, intType: 0),
            .event(reason: 0, vector: 1, intType: 4), .event(reason: 0, vector: 1, intType: 7),
            .event(reason: 1, vector: 0xEE, intType: 0), .event(reason: 1, vector: 0x20, intType: 1),
            .event(reason: 30, qual: 0x0060_0008), .event(reason: 30, qual: 0x0060_000A), .event(reason: 30, qual: 0x0060_0080),
            .event(reason: 30, qual: 0x1_0060_0000), .event(reason: 30, qual: 0x0060_007B), .event(reason: 30, qual: 0xFFFF_007B),
            .event(reason: 30, qual: 0x0060_0004), .event(reason: 30, qual: 0x0060_0007),
            .event(reason: 55, vector: 9, intType: 5, errValid: true, errCode: 3, qual: ~0),
        ],
        // SPEC 5.2: static map, FIELD, IO_RANGE, LOAD (OWNER is the default policy).
        "5.2 policies": boot + [
            .event(reason: 5), .resume, .event(reason: 6), .resume, .event(reason: 10),
            route(10, policy: 1, vmm: 2), .event(reason: 10), .resume,
            route(5, policy: 1, vmm: 3), .event(reason: 5), .resume,
            route(30, policy: 2, vmm: 3),
            w(0, 0x0300, 0x60), w(0, 0x0320, 0x64), w(0, 0x4300, 0x21),
            w(0, 0x0302, 0x60), w(0, 0x0322, 0x70), w(0, 0x4302, 0x11),
            w(0, 0x030E, 0xFFF0), w(0, 0x032E, 0xFFFF), w(0, 0x430E, 0x11),
            io(port: 0x60, size: 1), .resume, io(port: 0x63, size: 2), .resume, io(port: 0x63, size: 4), .resume,
            io(port: 0x5F, size: 1), .resume, io(port: 0x6D, size: 4), .resume, io(port: 0x6E, size: 4), .resume,
            io(port: 0xFFFC, size: 4), .resume, io(port: 0xFFFE, size: 4), .resume, io(port: 0xFFFF, size: 2), .resume,
            w(0, 0x4300, 0x20), io(port: 0x60, size: 1), .resume,
            route(12, policy: 1, vmm: 1), route(30, policy: 2, vmm: 0), .event(reason: 12, vector: 1), .event(reason: 30, qual: 0x0010_0000),
            .resume, .resume,
            route(18, policy: 3, vmm: 2), w(0, 0x4280 + 36, 0b1110), .event(reason: 18), .resume, .event(reason: 18), .resume,
            w(1, 0x43E2, 5), w(2, 0x43E2, 5), w(3, 0x43E2, 4), .event(reason: 18), .resume,
            w(3, 0x43E2, 9), .event(reason: 18), .event(reason: 18), .event(reason: 18), .resume, .resume, .resume,
            w(0, 0x4280 + 36, 0), .event(reason: 18), .resume, .event(reason: 3), r(0, 0x43E2), r(3, 0x43E2),
        ],
        // SPEC 5.3: every owner-control row, seen from a guest launched by VMM 2.
        "5.3 owner controls": boot + [
            w(2, 0x4000, 0x9), w(2, 0x4002, (1 << 7) | (1 << 10) | (1 << 12) | (1 << 29) | (1 << 24)),
            w(2, 0x4004, (1 << 3) | (1 << 14) | (1 << 31)), w(2, 0x4006, 0x5), w(2, 0x4008, 0x4),
            // VMM 0 launches guest 5, whose task switch goes to VMM 2 (FIELD), which launches it: owner[5] = 2.
            route(9, policy: 1, vmm: 2), .launch(guest: 5), .event(reason: 9), .launch(guest: 5),
        ] + [
            .event(reason: 0, vector: 2, intType: 2), .event(reason: 0, vector: 3, intType: 3), .event(reason: 0, vector: 4, intType: 6),
            .event(reason: 0, vector: 31, intType: 3), .event(reason: 0, vector: 14, intType: 3, errValid: true, errCode: 0x4),
            .event(reason: 0, vector: 14, intType: 3, errValid: true, errCode: 0x5), .event(reason: 0, vector: 14, intType: 3, errValid: false, errCode: 0xC),
            .event(reason: 1, vector: 0x30), .event(reason: 12), .event(reason: 14), .event(reason: 36), .event(reason: 15),
            .event(reason: 16), .event(reason: 29), .event(reason: 39), .event(reason: 40), .event(reason: 10), .event(reason: 2),
            io(port: 0x70, size: 1), .event(reason: 55), .event(reason: 31),
        ].flatMap { [$0, .resume, .resume, .launch(guest: 5)] } + [
            // I/O bitmaps of VMM 2 (which the guest's CPUID exit enters): ports 0x3F (word 1 bit 31),
            // 0x8000 (word 1024 bit 0) and 0xFFFF (word 2047 bit 31).
            .event(reason: 10), .bitmapWrite(vmcs: 2, word: 1, data: 0x8000_0000), .bitmapWrite(vmcs: 2, word: 1024, data: 1),
            .bitmapWrite(vmcs: 2, word: 2047, data: 0x8000_0000),
            w(2, 0x4002, 1 << 25), .launch(guest: 5),
        ] + [
            io(port: 0x3F, size: 1), io(port: 0x3E, size: 1), io(port: 0x3D, size: 2), io(port: 0x3C, size: 4),
            io(port: 0x40, size: 4), io(port: 0x7FFF, size: 2), io(port: 0x7FFC, size: 4), io(port: 0x7FFB, size: 4),
            io(port: 0xFFFF, size: 1), io(port: 0xFFFE, size: 1), io(port: 0xFFFE, size: 2), io(port: 0xFFFD, size: 4),
        ].flatMap { [$0, .resume, .resume, .launch(guest: 5)] },
        // SPEC 5.4 and 5.5: self delivery, fallback, undeliverable, returnTo, load saturation, exit fields.
        "5.4 deliverability": boot + [
            route(10, policy: 1, vmm: 1), route(11, policy: 1, vmm: 2), route(13, policy: 1, vmm: 0),
            // Undeliverable: VMM 2 raises an event for busy VMM 1 while VMM 0 is busy too (REJECTED 3).
            .event(reason: 10), .event(reason: 13), .event(reason: 11), .event(reason: 10), .resume, .resume, .resume,
            .event(reason: 13), .event(reason: 10), .event(reason: 11), .event(reason: 10), .event(reason: 13),
            .event(reason: 11), .resume, .event(reason: 13), .event(reason: 10),
            r(0, 0x4602), r(1, 0x4602), r(2, 0x4602), r(0, 0x4604), r(1, 0x4604), r(1, 0x4402), r(1, 0x4404),
            .resume, .resume, .resume, .resume, .resume,
            w(1, 0x43E2, 0xFFFE), .event(reason: 10), .event(reason: 10), .event(reason: 10), r(1, 0x43E2), .resume, r(1, 0x43E2),
            .event(reason: 0, vector: 14, intType: 3, errValid: true, errCode: 0xDEAD_BEEF, qual: 0x1234_5678_9ABC_DEF0),
            r(0, 0x4402), r(0, 0x4404), r(0, 0x4406), r(0, 0x6400),
            .event(reason: 1, vector: 0x41, intType: 0, errValid: true, errCode: 5), r(0, 0x4404), r(0, 0x4406),
            .launch(guest: 0), .event(reason: 10), .launch(guest: 1), .event(reason: 11), .event(reason: 10),
            .launch(guest: 2), .launch(guest: 2), .resume, .resume, .event(reason: 10), .resume, .resume,
        ],
        // SPEC 6: every field read and written, the ordered rules, values, lock, VM_INSTR_ERROR of the requester.
        "6 fields": boot
            + [0x4000, 0x4002, 0x4004, 0x4006, 0x4008, 0x6C16, 0x43E2].map { w(1, $0, 0xFFFF_FFFF_FFFF_FFFF) }
            + [0x4000, 0x4002, 0x4004, 0x4006, 0x4008, 0x6C16, 0x43E2, 0x4400, 0x4402, 0x4404, 0x4406, 0x6400, 0x4602,
               0x4604, 0x4600, 0x4680, 0x4200, 0x4001, 0x4003, 0x14000, 0x8000_4000].map { r(1, $0) }
            + [w(1, 0x43E2, 0x1_0000), w(1, 0x43E2, 0xFFFF_0000_1234), r(1, 0x43E2), r(0, 0x4400), r(1, 0x4400),
               w(0, 0x4400, 1), w(0, 0x4602, 1), w(0, 0x4600, 1), w(0, 0x468E, 1), w(0, 0x4690, 1), r(0, 0x468E), r(0, 0x4690),
               w(0, 0x4200, 0x31), w(0, 0x4200, 0x34), w(0, 0x4200, 0x38), w(0, 0x4200, 0x41), w(0, 0x4200, 0x131),
               w(0, 0x427E, 0xFFFF_FFFF_0000_0033), r(0, 0x427E), r(0, 0x4200),
               w(0, 0x4280, 0xF), w(0, 0x4280, 0x1F), w(0, 0x42FE, 0x1_0000_0003), r(0, 0x42FE), r(0, 0x4300),
               w(0, 0x0300, 0x12345), r(0, 0x0300), w(0, 0x031E, 1), w(0, 0x0310, 1), w(0, 0x030E, 7), r(0, 0x030E),
               w(0, 0x4300, 0x31), w(0, 0x4300, 0x41), w(0, 0x4300, 0x33), w(0, 0x4300, 0x101), r(0, 0x4300),
               w(1, 0x4200, 0x11), r(2, 0x4280), w(3, 0x4300, 1), r(1, 0x43E0),
               r(4, 0x4000), w(15, 0x4000, 1), .bitmapWrite(vmcs: 9, word: 0, data: 1),
               .bitmapWrite(vmcs: 1, word: 2048, data: 1), .bitmapWrite(vmcs: 1, word: 2047, data: 1),
               w(0, 0x43E0, 2), w(0, 0x43E0, 0), r(0, 0x43E0), w(0, 0x43E0, 0xFFFF_FFFF_0000_0001), r(0, 0x43E0),
               w(0, 0x4200, 0x11), w(0, 0x4280, 1), w(0, 0x0300, 1), w(0, 0x0320, 1), w(0, 0x4300, 1), w(0, 0x43E0, 0),
               w(0, 0x43E0, 1), w(0, 0x4400, 1), w(0, 0x4000, 5), r(0, 0x4200), r(0, 0x4400),
               // A VMM other than 0 touching another VMCS: 65 into its own VM_INSTR_ERROR
               // (ROUTE[0] = FIELD VMM 3 from above enters VMM 3).
               .event(reason: 0, vector: 3, intType: 3), r(1, 0x4000), w(2, 0x4000, 1), r(3, 0x4400),
               .bitmapWrite(vmcs: 0, word: 0, data: 1), w(3, 0x4200, 1), r(3, 0x4400), r(3, 0x4000), .resume, r(0, 0x4400)],
        // SPEC 6.4: LAUNCH and RESUME rules.
        "6.4 launch resume": boot + [
            .resume, r(0, 0x4400), .launch(guest: 8), .launch(guest: 63), r(0, 0x4400), .launch(guest: 7),
            C(op: 0, reason: 9), r(0, 0x4602), .launch(guest: 6), .resume, .resume,
            w(0, 0x4200 + 20, 0x21), .launch(guest: 4), .launch(guest: 3), .resume, .resume, .resume,
            r(0, 0x4686), r(0, 0x4688), r(2, 0x4602), r(0, 0x4600),
        ],
    ]

    @Test(arguments: traces.keys.sorted())
    func directedTraceMatchesTheReference(name: String) throws {
        try IcarusRouterSupport.check(Self.traces[name]!, config: .default,
                                      handshake: Handshake(seed: UInt64(name.utf8.count)), label: "directed '\(name)'")
    }

    @Test func directedTracesAtSmallestParametersWithoutBitmaps() throws {
        let config = RouterConfig(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: [], ioBitmaps: false)
        let trace = Self.traces.keys.sorted().flatMap { Self.traces[$0]! }
        try IcarusRouterSupport.check(trace, config: config, handshake: Handshake(seed: 3, idlePercent: 10, stallPercent: 40),
                                      label: "all directed traces, 2/1/0 no bitmaps")
    }

    /// SPEC 9: with rsp_ready held high the block takes a command every cycle and each
    /// response is valid one cycle after its command (it executes on the edge that accepts
    /// it: `Handshake`), so n commands take n + 1 cycles after reset.
    @Test func fullSpeedIsOneCommandPerCycleWithLatencyOne() throws {
        let trace = Self.traces.keys.sorted().flatMap { Self.traces[$0]! }
        let verilog = try RouterGenerator.verilog(.defaults)
        let run = try IcarusRouter(verilog: verilog).run(trace, handshake: .fullSpeed(), wave: nil)
        #expect(run.cycles == UInt64(trace.count + 1))
        let expected = IcarusRouterSupport.reference(trace, .default)
        let first = (0..<min(run.responses.count, expected.count)).first { run.responses[$0] != expected[$0] }
        #expect(first == nil, "first divergence at command \(first ?? -1): \(first.map { "\(trace[$0]): rtl \(run.responses[$0]), reference \(expected[$0])" } ?? "")")
    }

    /// SPEC 9: nothing dropped or duplicated under heavy gaps and backpressure.
    @Test func heavyBackpressureLosesNothing() throws {
        let trace = Self.traces.keys.sorted().flatMap { Self.traces[$0]! }
        try IcarusRouterSupport.check(trace, config: .default, handshake: Handshake(seed: 77, idlePercent: 50, stallPercent: 85),
                                      label: "all directed traces, idle 50% stall 85%")
    }

    /// SPEC 5.3 worked by hand (independent of the reference): the VMM each of guest 5's
    /// events reaches, its owner VMM 2 having PIN bits 0 and 3, PROC bits 7, 10, 12, 24, 29,
    /// EXC_BITMAP bits 3, 14, 31, PFEC_MASK 5 / MATCH 4; then PROC bit 25 alone with
    /// bitmap bits for ports 0x3F, 0x8000 and 0xFFFF. 2 = wanted by the owner, 0 = main VMM.
    @Test func ownerControlRowsWorkedByHand() throws {
        let trace = Self.traces["5.3 owner controls"]!
        let run = try IcarusRouter(verilog: try RouterGenerator.verilog(.defaults)).run(trace, handshake: Handshake(seed: 9), wave: nil)
        let targets = zip(trace, run.responses).filter { $0.0.op == 0 && $0.1.from == Entity.guest(5).raw }.map { Int($0.1.target) }
        let expected = [2,                                    // task switch, FIELD to VMM 2
                        2, 2, 0, 2, 2, 0, 2,                  // NMI, #3, #4, #31, #PF match, #PF no match, #PF errValid 0
                        2, 2, 0, 2, 0, 2, 0, 2, 0,            // ext. int., HLT, INVLPG, MWAIT, RDPMC, RDTSC, MOV DR, MONITOR, PAUSE
                        2, 2, 2, 2, 2,                        // CPUID, triple fault, I/O (bit 24), XSETBV, RDMSR
                        2,                                    // CPUID into VMM 2 before the bitmap writes
                        2, 0, 0, 2, 0, 2, 0, 0, 2, 0, 2, 2]   // ports 3F, 3E, 3D+2, 3C+4, 40+4, 7FFF+2, 7FFC+4, 7FFB+4, FFFF, FFFE, FFFE+2, FFFD+4 (wraps)
        #expect(targets == expected)
    }

    /// SPEC 6.3 and 6.4 worked by hand (independent of the reference): the order of the
    /// rules, the cut to the field's width before the value check, lock after read-only,
    /// VM_INSTR_ERROR of the requester.
    @Test func accessRulesWorkedByHand() throws {
        let vmm0 = Entity.vmm(0)
        let steps: [(C, Response)] = [
            (Self.w(0, 0x4000, 0x1234), .vmsucceed(current: vmm0)),
            (Self.r(0, 0x4000), .vmsucceed(data: 0x1234, current: vmm0)),
            (Self.r(4, 0x4000), .vmfailInvalid),                                  // rule 1
            (Self.w(0, 0x4001, 0), .vmfailValid(12)),                             // high-half access: not a field
            (Self.w(0, 0x4400, 1), .vmfailValid(13)),                             // read-only
            (Self.w(1, 0x4200, 0x11), .vmfailValid(12)),                          // global field through VMCS 1
            (Self.w(0, 0x4200, 0x14), .vmfailValid(7)),                           // policy 4
            (Self.w(0, 0x4200, 0x41), .vmfailValid(7)),                           // VMM 4 >= V
            (Self.w(0, 0x4200, 0x100_0000_0031), .vmsucceed(current: vmm0)),      // cut to 32 bits first
            (Self.r(0, 0x4200), .vmsucceed(data: 0x31, current: vmm0)),
            (Self.w(0, 0x0300, 0xABCDE), .vmsucceed(current: vmm0)),              // 16-bit field keeps 0xBCDE
            (Self.r(0, 0x0300), .vmsucceed(data: 0xBCDE, current: vmm0)),
            (Self.w(0, 0x43E0, 1), .vmsucceed(current: vmm0)),                    // lock
            (Self.w(0, 0x4200, 0x14), .vmfailValid(64)),                          // rule 5 before rule 6
            (Self.w(0, 0x4600, 0), .vmfailValid(13)),                             // rule 4 before rule 5
            (Self.r(0, 0x4400), .vmsucceed(data: 13, current: vmm0)),
            (Self.r(0, 0x43E0), .vmsucceed(data: 1, current: vmm0)),
            (.bitmapWrite(vmcs: 0, word: 2048, data: 1), .vmfailValid(12)),
            (.bitmapWrite(vmcs: 3, word: 5, data: 1), .vmsucceed(current: vmm0)),
            (.launch(guest: 8), .vmfailValid(66)),
            (.resume, .vmfailValid(5)),
            (Self.r(0, 0x4400), .vmsucceed(data: 5, current: vmm0)),
            (.launch(guest: 7), .vmsucceed(current: Entity.guest(7))),
            (Self.r(0, 0x4680 + 14), .routed(target: 0, isSelf: false, fallback: false, policy: 0, from: .guest(7), reason: 23)),
            (.resume, .vmsucceed(current: Entity.guest(7))),                      // back to the guest
        ]
        let run = try IcarusRouter(verilog: try RouterGenerator.verilog(.defaults))
            .run(steps.map(\.0), handshake: Handshake(seed: 4), wave: nil)
        for (i, step) in steps.enumerated() where run.responses[i] != step.1 {
            Issue.record("step \(i) \(step.0): rtl \(run.responses[i]), expected \(step.1)")
        }
    }
}
