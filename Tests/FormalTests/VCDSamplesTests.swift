import Formal
import Testing

@Suite struct VCDSamplesTests {
    /// Values are sampled just before each rising clock edge (inputs that change at the
    /// edge's own timestamp belong to the next cycle).
    @Test func samplesBeforeEachRisingEdge() {
        let vcd = """
        $scope module top $end
        $var wire 1 n1 clk $end
        $var wire 4 n2 d $end
        $scope module sub $end
        $var wire 4 n3 d $end
        $upscope $end
        $upscope $end
        $enddefinitions $end
        #0
        b0 n1
        b0011 n2
        b1111 n3
        #10
        b1 n1
        b0101 n2
        #15
        b0 n1
        #20
        b1 n1
        b1000 n2
        #25
        b0 n1
        """
        let s = VCDSamples.parse(vcd, clock: "clk")
        #expect(s.cycles.count == 2)
        #expect(s.cycles.map { $0["d"] } == [3, 5])
        #expect(s.cycles[0]["sub.d"] == nil, "only the top scope is read")
    }
}
