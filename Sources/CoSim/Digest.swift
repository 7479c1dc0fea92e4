import Crypto
import Foundation

/// SHA-256 digests as 64 lowercase hex digits (swift-crypto's `SHA256`), for
/// the model cache key, its manifest and the RTL digest of a results file.
/// The hex form is the one `sha256sum` prints, so cache keys keep their format.
enum Digest {
    /// Lowercase hex of a finished digest.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// Lowercase hex digest of `fields`, each followed by a 0 byte, so that
    /// ["ab", "c"] and ["a", "bc"] differ.
    static func hex(fields: [String]) -> String {
        var h = SHA256()
        for field in fields {
            h.update(data: Data(field.utf8))
            h.update(data: Data([0]))
        }
        return hex(h.finalize())
    }

    /// Lowercase hex digest of a text's UTF-8 bytes.
    static func hex(text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Lowercase hex digest of a file's bytes, read in 1 MiB chunks.
    static func file(_ url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var h = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            h.update(data: chunk)
        }
        return hex(h.finalize())
    }
}

/// The SHA-256 digest of a text's UTF-8 bytes as 64 lowercase hex digits
/// (what `sha256sum FILE` prints for a file holding `text`): the RTL digest of
/// a results file, which tells the shards of one campaign from others.
public func sha256Hex(_ text: String) -> String {
    Digest.hex(text: text)
}
