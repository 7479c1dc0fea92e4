@testable import CoSim
import Foundation
import Testing
import TestSupport

/// SHA-256 through swift-crypto keeps the hex form the model cache and results
/// files have always used: 64 lowercase digits, fields separated by a 0 byte.
@Suite struct DigestTests {
    /// FIPS 180-4 known answers.
    @Test func knownAnswers() {
        #expect(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// Each field ends in a 0 byte, so moving a boundary changes the key.
    @Test func fieldsAreSeparated() {
        #expect(Digest.hex(fields: ["ab", "c"]) == sha256Hex("ab\u{0}c\u{0}"))
        #expect(Digest.hex(fields: ["ab", "c"]) != Digest.hex(fields: ["a", "bc"]))
    }

    /// A file larger than one read chunk digests as its bytes do, and as `sha256sum` says.
    @Test func fileDigestStreamsInChunks() throws {
        let dir = try RepoPaths.scratchDirectory("digest")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.txt")
        let text = String(repeating: "0123456789abcdef", count: (3 << 20) / 16) + "tail\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let digest = try Digest.file(file)
        #expect(digest == sha256Hex(text))
        let sum = try Tools.run("sha256sum", [file.path])
        #expect(sum.stdout.hasPrefix(digest + " "))
    }
}
