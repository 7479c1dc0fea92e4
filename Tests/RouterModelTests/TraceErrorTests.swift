import RouterModel
import Testing

/// SPEC 10: a malformed line is refused with its line number, the key and the fix.
@Suite struct TraceErrorTests {
    func message(_ text: String) -> String {
        do { _ = try TraceReader.parse(text, source: "t.jsonl"); return "no error" } catch { return error.description }
    }

    @Test func badJSON() {
        #expect(message("{\"op\":\"resume\"}\n{\"op\":\"event\"") ==
                "t.jsonl:2: bad JSON at column 14: expected ',' or '}' after the value of \"op\", found the end of the line")
        #expect(message("[1]") == "t.jsonl:1: bad JSON at column 1: expected '{' (each line is one JSON object), found '['")
        #expect(message("{op:1}") == "t.jsonl:1: bad JSON at column 2: expected a key in double quotes, found 'o'")
        #expect(message("{\"op\":\"resume\"} {}") ==
                "t.jsonl:1: bad JSON at column 17: unexpected '{' after the closing '}': put one object on each line")
        #expect(message("{\"op\":\"resume}") == "t.jsonl:1: bad JSON at column 7: unterminated string: add the closing '\"'")
    }

    @Test func blankLinesAreSkippedButCounted() {
        #expect(message("{\"op\":\"resume\"}\n\n   \n{\"op\":\"jump\"}\n") ==
                "t.jsonl:4: \"op\": unknown op \"jump\": use one of event, vmread, vmwrite, launch, resume, bitmap_write or a number 0-7")
        #expect((try? TraceReader.parse("\n{\"op\":4}\r\n\n")) == [.resume])
    }

    @Test func opProblems() {
        #expect(message("{\"reason\":1}") ==
                "t.jsonl:1: no \"op\": every command needs one, such as \"op\":\"event\" (names: event, vmread, vmwrite, launch, resume, bitmap_write; or a number 0-7)")
        #expect(message("{\"op\":8}") == "t.jsonl:1: \"op\": 8 does not fit the 3-bit operand: use a value in 0...7 (0x7)")
        #expect(message("{\"op\":\"EVENT\"}").contains("unknown op \"EVENT\""))
        #expect((try? TraceReader.parse("{\"op\":7}\n{\"op\":\"0x6\"}")) == [Command(op: 7), Command(op: 6)])
    }

    @Test func unknownAndRepeatedKeys() {
        #expect(message("{\"op\":\"event\",\"vectr\":1}") ==
                "t.jsonl:1: unknown key \"vectr\": the keys are op, reason, vector, intType, errValid, errCode, qual, vmcs, field, data, guest")
        #expect(message("{\"op\":\"event\",\"reason\":1,\"reason\":2}") == "t.jsonl:1: key \"reason\" appears twice: give each operand once")
    }

    @Test func valuesOutOfRangeOrOfTheWrongType() {
        #expect(message("{\"op\":\"event\",\"vector\":256}") ==
                "t.jsonl:1: \"vector\": 256 does not fit the 8-bit operand: use a value in 0...255 (0xff)")
        #expect(message("{\"op\":\"launch\",\"guest\":\"0x40\"}") ==
                "t.jsonl:1: \"guest\": \"0x40\" does not fit the 6-bit operand: use a value in 0...63 (0x3f)")
        #expect(message("{\"op\":\"event\",\"qual\":\"0x10000000000000000\"}") ==
                "t.jsonl:1: \"qual\": \"0x10000000000000000\" does not fit the 64-bit operand: use a value in 0...18446744073709551615 (0xffffffffffffffff)")
        #expect(message("{\"op\":\"event\",\"reason\":-1}") ==
                "t.jsonl:1: \"reason\": -1 is negative: operands are unsigned, 0...65535 (0xffff)")
        #expect(message("{\"op\":\"event\",\"reason\":1.5}") ==
                "t.jsonl:1: \"reason\": 1.5 is not an integer: give a whole number in 0...65535 (0xffff)")
        #expect(message("{\"op\":\"event\",\"qual\":\"0xZZ\"}") ==
                "t.jsonl:1: \"qual\": \"0xZZ\" is not a number: use a JSON integer, a \"0x...\" hex string or a decimal string")
        #expect(message("{\"op\":\"event\",\"qual\":[1]}") ==
                "t.jsonl:1: \"qual\": expected a number, found an array: use an integer or a string such as \"0x1f\"")
        #expect(message("{\"op\":\"event\",\"vmcs\":true}") ==
                "t.jsonl:1: \"vmcs\": expected a number, found true: use an integer or a string such as \"0x1f\"")
        #expect(message("{\"op\":\"event\",\"errValid\":2}") ==
                "t.jsonl:1: \"errValid\": 2 does not fit the 1-bit operand: use a value in 0...1 (0x1)")
    }

    @Test func numberForms() throws {
        let c = try TraceReader.parseLine(#"{"op":"event","qual":"0xFFFFFFFFFFFFFFFF","errCode":"4294967295","errValid":true,"vector":"0X1f"}"#)
        #expect(c == .event(reason: 0, vector: 31, errValid: true, errCode: 0xFFFF_FFFF, qual: .max))
        let big = try TraceReader.parseLine(#"{"op":"vmwrite","data":18446744073709551615}"#)
        #expect(big.data == .max)    // no trip through Double
    }

    /// Every operand of every width survives TraceWriter -> TraceReader.
    @Test func writerRoundTrips() throws {
        let commands = [
            Command(op: 0, reason: 0xFFFF, vector: 255, intType: 7, errValid: true, errCode: .max, qual: .max,
                    vmcs: 15, field: .max, data: .max, guest: 63),
            Command(op: 7), .resume, .bitmapWrite(vmcs: 1, word: 3, data: 0xFFFF_FFFF),
        ]
        #expect(try TraceReader.parse(TraceWriter.text(for: commands)) == commands)
        #expect(TraceWriter.line(for: Command.event(reason: 30, qual: 0x600008)) == #"{"op":"event","reason":30,"qual":"0x600008"}"#)
        #expect(TraceWriter.line(for: Command(op: 6)) == #"{"op":6}"#)
    }
}
