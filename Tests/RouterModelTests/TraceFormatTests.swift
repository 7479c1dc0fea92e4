import RouterModel
import Testing

/// SPEC 10: trace reading and writing.
@Suite struct TraceFormatTests {
    @Test func specExamplesParse() throws {
        let text = """
        {"op":"vmwrite","vmcs":0,"field":"0x4200","data":"0x11"}
        {"op":"vmread","vmcs":1,"field":"0x4402"}
        {"op":"launch","guest":3}
        {"op":"resume"}
        {"op":"event","reason":30,"qual":"0x00600008"}
        {"op":"event","reason":0,"vector":14,"intType":3,"errValid":1,"errCode":"0x6"}
        {"op":"bitmap_write","vmcs":1,"field":3,"data":"0xffffffff"}
        """
        let commands = try TraceReader.parse(text)
        #expect(commands == [
            .vmwrite(vmcs: 0, field: 0x4200, data: 0x11),
            .vmread(vmcs: 1, field: 0x4402),
            .launch(guest: 3),
            .resume,
            .event(reason: 30, qual: 0x600008),
            .event(reason: 0, vector: 14, intType: 3, errValid: true, errCode: 6),
            .bitmapWrite(vmcs: 1, word: 3, data: 0xFFFF_FFFF),
        ])
    }

    @Test func responseLinesMatchSpecExamples() {
        #expect(TraceWriter.line(for: .routed(target: 1, isSelf: false, fallback: false, policy: Policy.owner,
                                              from: .guest(3), reason: 30, qual: 0x600008))
                == #"{"kind":"routed","target":1,"self":false,"fallback":false,"policy":"owner","from":{"guest":3},"reason":30,"qual":"0x600008","info":"0x0","errCode":"0x0","entry":"0x0"}"#)
        #expect(TraceWriter.line(for: .vmsucceed(current: .vmm(0))) == #"{"kind":"vmsucceed","data":"0x0","current":{"vmm":0}}"#)
        #expect(TraceWriter.line(for: .vmfailInvalid) == #"{"kind":"vmfail_invalid"}"#)
        #expect(TraceWriter.line(for: .vmfailValid(13)) == #"{"kind":"vmfail_valid","error":13}"#)
        #expect(TraceWriter.line(for: .rejected(2)) == #"{"kind":"rejected","error":2}"#)
    }
}

@Suite struct ResponseLineTests {
    @Test func hexAndDecimalEdges() {
        let r = Response.routed(target: 15, isSelf: true, fallback: true, policy: Policy.staticMap, from: .vmm(15), reason: 65535,
                                qual: .max, info: 0x8000_0000, errCode: 0x10, entry: 0x1_0000_0000)
        #expect(TraceWriter.line(for: r) == #"{"kind":"routed","target":15,"self":true,"fallback":true,"policy":"static","from":{"vmm":15},"reason":65535,"qual":"0xffffffffffffffff","info":"0x80000000","errCode":"0x10","entry":"0x100000000"}"#)
        #expect(TraceWriter.line(for: .vmsucceed(data: 0xABC, current: .guest(63))) == #"{"kind":"vmsucceed","data":"0xabc","current":{"guest":63}}"#)
        #expect(TraceWriter.line(for: .vmfailValid(255)) == #"{"kind":"vmfail_valid","error":255}"#)
    }

    /// A kind no SPEC response has (a broken RTL) shows every field.
    @Test func unknownKindShowsEverything() {
        let r = Response(kind: 6, target: 1, policy: 7, from: 0x83, data: 5, current: 0x02, error: 9)
        #expect(TraceWriter.line(for: r) == #"{"kind":6,"target":1,"self":false,"fallback":false,"policy":7,"from":{"vmm":3},"reason":0,"qual":"0x0","info":"0x0","errCode":"0x0","entry":"0x0","data":"0x5","current":{"guest":2},"error":9}"#)
    }

    /// The widest lines fit `TraceWriter.maxLineBytes` (the formatter writes a line into a
    /// buffer of that size before appending it), and `appendLine` is `line` plus a newline.
    @Test func widestLinesFitTheLineBuffer() throws {
        let r = Response(kind: 255, target: 255, isSelf: true, fallback: true, policy: 255, from: 0xFF, reason: .max,
                         qual: .max, info: .max, errCode: .max, entry: .max, data: .max, current: 0xFF, error: .max)
        let c = Command(op: 7, reason: .max, vector: .max, intType: 7, errValid: true, errCode: .max, qual: .max,
                        vmcs: .max, field: .max, data: .max, guest: .max)
        for line in [TraceWriter.line(for: r), TraceWriter.line(for: c)] {
            #expect(line.utf8.count + 1 <= TraceWriter.maxLineBytes, "\(line.utf8.count) bytes: \(line)")
        }
        var bytes: [UInt8] = [65]
        TraceWriter.appendLine(r, to: &bytes)
        #expect(bytes == [65] + Array(TraceWriter.line(for: r).utf8) + [10])
        #expect(TraceWriter.line(for: r).contains(#""qual":"0xffffffffffffffff","info":"0xffffffff""#))
    }
}
