import Foundation
@testable import Equivalence
import Testing

/// `trapline mutate`'s pieces that need no tool: reading Yosys' mutation list,
/// choosing the source line a mutation names, making the mutant select internal,
/// and the report's score and median.
@Suite struct MutationReportTests {
    static let listed = """
    mutate -mode inv -module trapline_router -cell $ternary$trapline_router.v:459$2137 -port B -portbit 46 -wire cmd_qual -wirebit 46 -src trapline_router.v:17.24-17.32 -src trapline_router.v:459.31-459.70
    mutate -mode const1 -module trapline_router -cell $procmux$3433 -port Y -portbit 5 -src trapline_router.v:743.25-743.42 -src trapline_router.v:743.21-833.24
    mutate -mode cnot1 -module trapline_router -cell $auto$ff.cc:266:slice$20980 -port Q -portbit 41 -ctrlbit 2 -wire rsp_data -wirebit 41 -src trapline_router.v:36.24-36.32 -src trapline_router.v:165.5-852.8

    """

    @Test func listIsReadInOrderWithEveryField() throws {
        let list = YosysMutation.parseList(Self.listed)
        #expect(list.map(\.id) == [1, 2, 3])
        #expect(list.map(\.mode) == ["inv", "const1", "cnot1"])
        #expect(list[2].ctrlBit == 2 && list[2].portBit == 41 && list[2].wire == "rsp_data" && list[2].wireBit == 41)
        #expect(list[1].ctrlBit == nil && list[1].wire == nil)
        #expect(list[0].sources.map(\.line) == [17, 459])
        // The select goes in front; the rest of the line is applied as Yosys wrote it.
        #expect(list[1].controlledCommand(select: "sel", width: 8)
                == "mutate -ctrl sel 8 2 -mode const1 -module trapline_router -cell $procmux$3433 -port Y -portbit 5 -src trapline_router.v:743.25-743.42 -src trapline_router.v:743.21-833.24")
    }

    /// The expression's line, not the wire's declaration nor the enclosing block;
    /// a declaration stands when there is nothing else on one line.
    @Test func sourceLineIsTheExpression() throws {
        let list = YosysMutation.parseList(Self.listed)
        #expect(list[0].source?.line == 459)   // declaration of cmd_qual at 17, expression at 459
        #expect(list[1].source?.line == 743)   // expression, then the block 743-833
        #expect(list[2].source?.line == 36)    // the output's declaration; the block spans 165-852
        #expect(MutationSource("a/b.v:12.3-14.8") == MutationSource(file: "a/b.v", line: 12, endLine: 14, text: "a/b.v:12.3-14.8"))
        #expect(MutationSource("no line") == nil)
    }

    @Test func selectBecomesARegisterReadFromTheEnvironment() throws {
        let netlist = """
        module trapline_router(clk, rst, rsp_error
        , trapline_mutant_select);
          input clk;
          input [7:0] trapline_mutant_select;
          wire [7:0] trapline_mutant_select;
          assign _1_ = trapline_mutant_select == 8'h01;
        endmodule
        """
        let made = try #require(MutantDesign.internalSelect(netlist, width: 8, hasMutations: true))
        #expect(made.contains("module trapline_router(clk, rst, rsp_error\n);"))
        #expect(made.contains("  reg [7:0] trapline_mutant_select;\n  initial trapline_mutant_select = $c32(\"(std::getenv(\\\"TRAPLINE_MUTANT\\\")"))
        #expect(!made.contains("input [7:0] trapline_mutant_select") && !made.contains("wire [7:0] trapline_mutant_select"))
        #expect(MutantDesign.internalSelect("module trapline_router(clk); endmodule", width: 8, hasMutations: true) == nil)
        #expect(MutantDesign.bitsFor(255) == 8 && MutantDesign.bitsFor(256) == 9)
    }

    @Test func scoreCountsKilledOverKilledAndSurvivedAndTheMedianOnlyKills() throws {
        let list = YosysMutation.parseList(Self.listed)
        var killed = MutantOutcome(mutation: list[0], verdict: .killed, commands: 40, seconds: 0.5)
        killed.killedBy = "5.2 rule"; killed.killedIn = "directed"; killed.commandsToKill = 12; killed.secondsToKill = 0.25
        var hung = MutantOutcome(mutation: list[1], verdict: .killed, commands: 10, seconds: 2)
        hung.killedBy = "4 ops"; hung.killedIn = "directed"; hung.timeout = true; hung.commandsToKill = 1; hung.secondsToKill = 2
        let survived = MutantOutcome(mutation: list[2], verdict: .survived, commands: 1000, seconds: 10)
        let design = MutantDesign(mutations: list, verilog: "", sourceLines: (1...900).map { "line \($0)" }, sourcePath: "trapline_router.v")
        let result = MutationCampaign.Result(outcomes: [killed, hung, survived], controlCommands: 1000, controlSeconds: 10,
                                             controlDivergence: nil, buildSeconds: 7, seconds: 30)
        let report = MutationReport(result, design: design, rtlName: "my/router.v", seed: 1, count: 3,
                                    budgetPerMutant: 10, parameters: [])
        #expect(report.killed == 2 && report.survived == 1 && report.notBuilt == 0)
        #expect(report.score == 2.0 / 3.0)
        #expect(report.medianSecondsToKill == 1.125)
        #expect(report.mutants[0].source == "my/router.v:459" && report.mutants[0].sourceText == "line 459")
        let text = report.text
        #expect(text.contains("score      66.7% (killed / (killed + survived) = 2/3)"), "\(text)")
        #expect(text.contains("killed     2 (1 by timeout: the RTL hung)"), "\(text)")
        #expect(text.contains("timeout (hung) in directed '4 ops'"), "\(text)")
        #expect(text.contains("survivors:\n  mutant 3 (cnot1 $auto$ff.cc:266:slice$20980 port Q bit 41 ctrl bit 2 (wire rsp_data[41])) at my/router.v:36\n    line 36"), "\(text)")
        #expect(text.contains("may be equivalent mutants"))
        #expect(hung.summary == "killed by timeout (the RTL hung) in directed '4 ops' after 1 commands in 2.0 s")
        let json = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        #expect(json["score"] as? Double == 2.0 / 3.0 && (json["mutants"] as? [Any])?.count == 3)
    }

    /// The power-on re-checks use init seeds that the model tells apart (it takes `seed & 0x7fffffff | 1`)
    /// from each other and from the campaign's own.
    @Test func powerOnSeedsDifferFromEachOtherAndFromTheCampaignsSeed() {
        for seed: UInt64 in [0, 1, 2, 9, 0x7FFF_FFFE, 0x7FFF_FFFF] {
            let model = { (s: UInt64) in s & 0x7FFF_FFFF | 1 }
            let seeds = (1...8).map { model(MutationCampaign.powerOnSeed(seed, $0)) }
            #expect(Set(seeds).count == 8, "\(seed): \(seeds)")
            #expect(!seeds.contains(model(seed)), "\(seed): \(seeds)")
        }
    }
}
