import RouterDesign
import Testing

@Suite struct RouterParametersTests {
    @Test(arguments: [
        (RouterParameters(vmms: 1), "--vmms 1 is out of range: it must be 2...16"),
        (RouterParameters(vmms: 17), "--vmms 17 is out of range: it must be 2...16"),
        (RouterParameters(guests: 0), "--guests 0 is out of range: it must be 1...64"),
        (RouterParameters(guests: 65), "--guests 65 is out of range: it must be 1...64"),
        (RouterParameters(ioRanges: 17), "--io-ranges 17 is out of range: it must be 0...16"),
        (RouterParameters(vmms: 4, platformVMM: 4), "--platform-vmm 4 is out of range: it must be 0...3"),
        (RouterParameters(staticMap: [7]), "--static-map contains 7, which is not a supported exit reason"),
    ])
    func outOfRangeParametersAreRefusedNamingFlagAndRange(p: RouterParameters, message: String) {
        #expect { try p.validate() } throws: { "\($0)".contains(message) }
    }

    @Test func cornersAreAccepted() throws {
        try RouterParameters(vmms: 2, guests: 1, ioRanges: 0, platformVMM: 0, staticMap: []).validate()
        try RouterParameters(vmms: 16, guests: 64, ioRanges: 16, platformVMM: 15, staticMap: [0, 55]).validate()
        #expect(RouterParameters(staticMap: [6, 5, 6]).staticMap == [5, 6])
    }
}
