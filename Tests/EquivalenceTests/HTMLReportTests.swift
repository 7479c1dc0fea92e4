import CoSim
import Foundation
@testable import Equivalence
import RouterModel
import Testing
import TestSupport

/// The HTML report without a browser (the rendered DOM is checked by
/// `make test-browser`): structure, holes marked, every text escaped,
/// nothing loaded from elsewhere; and the VCD reader behind its waveform.
@Suite struct HTMLReportTests {
    @Test func structureHolesAndEscaping() throws {
        var o = CampaignOptions(config: .default, verilog: "", outputDirectory: URL(fileURLWithPath: "/tmp"))
        o.rtlPath = "evil<script>alert(1)</script>.v"
        var r = CampaignResult(options: o, coverage: Coverage(config: .default))
        r.divergences = [Divergence(testcase: "a <b> & \"c\"", index: 0, command: .resume,
                                    reference: Response(kind: ResponseKind.vmfailValid, error: 5), values: [("verilator", .broken("</pre><img src=x>"))])]
        let html = HTMLReport.html(r)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<p id=\"verdict\" class=\"verdict mismatch\">verdict: MISMATCH</p>"))
        #expect(html.contains("<td>evil&lt;script&gt;alert(1)&lt;/script&gt;.v</td>"))
        #expect(html.contains("divergence in &quot;a &lt;b&gt; &amp; &quot;c&quot;&quot;"))
        #expect(html.contains("&lt;/pre&gt;&lt;img src=x&gt;"))
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("http://") && !html.contains("https://"))
        // Nothing hit: every counted bin is a hole, in an open group.
        let holes = html.components(separatedBy: "<tr class=\"hole\">").count - 1
        #expect(holes == r.coverage.total)
        #expect(html.contains("<details class=\"group open-holes\" open>"))
        // The transition/sequence and cross groups are groups like the others, and the closed line is shown.
        #expect(html.contains("<summary>seq nested exits: depth after the exit <span class=\"count\">0/5</span> <span class=\"holes\">5 holes</span></summary>"))
        #expect(html.contains("<tr class=\"hole\"><td>other VMM in a handler, fallback exit to VMM 0, I/O</td><td>0</td></tr>"))
        #expect(html.contains("<p id=\"coverage-closed\">closed: all bins not closed (\(r.coverage.total) holes)"))
    }

    static let vcd = """
    $timescale 1ps $end
    $scope module TOP $end
     $var wire  1 ! clk $end
     $var wire  1 " rsp_valid $end
     $var wire  1 # rsp_ready $end
     $var wire  3 $ rsp_kind [2:0] $end
    $upscope $end
    $enddefinitions $end
    #0
    0!
    0"
    1#
    b000 $
    #5
    1!
    #10
    0!
    1"
    b011 $
    #15
    1!
    #20
    0!
    0"
    bxxx $
    #25
    1!
    """

    @Test func vcdValuesAndTheFailingResponse() throws {
        let v = try VCDReader.parse(HTMLReportTests.vcd)
        #expect(v.variables.map(\.name) == ["clk", "rsp_valid", "rsp_ready", "rsp_kind"])
        #expect(v.variables[3] == VCD.Variable(scope: "TOP", name: "rsp_kind", width: 3, code: "$"))
        #expect(v.value("$", at: 12) == "011" && v.value("$", at: 9) == "000" && v.endTime == 25)
        #expect(WaveformSVG.responseTime(v, index: 0) == 15)
        let svg = try #require(WaveformSVG.svg(v, index: 0))
        #expect(svg.contains("data-name=\"clk\"") && svg.contains("data-name=\"rsp_kind\""))
        #expect(svg.contains("<line class=\"divergence\"") && svg.contains("response 0 (t=15)"))
        #expect(svg.contains(">0x3</text>") && svg.contains("class=\"bad\""))
        #expect(throws: VCDReader.Failure.self) { try VCDReader.parse("$var wire 1 ! clk $end\n") }
    }
}
