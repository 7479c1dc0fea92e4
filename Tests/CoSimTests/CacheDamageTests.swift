import CoSim
import Foundation
import Testing
import TestSupport

/// Issue 14, item 6: the cache checks its entries before use and rebuilds a
/// damaged one; a cache folder that cannot be used is a `CacheError` naming
/// it; build folders of killed builders do not stay. Each test has its own
/// cache (damaging the shared one would break tests running beside it).
@Suite(.serialized) struct CacheDamageTests {
    func privateCache() throws -> ModelCache {
        ModelCache(directory: try RepoPaths.scratchDirectory("cache-damage"), log: { _ in })
    }

    /// Runs the counter for 3 enabled cycles: a model that loads and works.
    func counts(_ spec: ModelSpec, _ cache: ModelCache) throws -> (UInt64, Bool) {
        let m = try VerilatedModel(spec, cache: cache)
        try m.reset()
        m.poke(try m.input("en"), 1)
        m.step(3)
        return (m.peek(try m.output("count")), m.entry.built)
    }

    /// Before: a truncated libmodel.so was dlopen'ed (SIGBUS, exit 135); a 0-byte
    /// verilated.o made every later build fail at the link.
    @Test func damagedEntriesAreRebuiltNotLoaded() throws {
        let cache = try privateCache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        let spec = Fixtures.counterSpec(nonce: Fixtures.nonce())
        let entry = try cache.entry(for: spec)
        #expect(entry.built)
        #expect(FileManager.default.fileExists(atPath: entry.directory.appendingPathComponent("manifest.txt").path))

        // A truncated library (a disk that filled up, a copy cut short).
        let handle = try FileHandle(forWritingTo: entry.library)
        try handle.truncate(atOffset: 1000)
        try handle.close()
        let (count, rebuilt) = try counts(spec, cache)
        #expect(rebuilt, "the truncated library must be rebuilt")
        #expect(count == 3)
        #expect(cache.buildCount() == 2)

        // A library whose bytes changed but not its size (written as a new file: this
        // process has the old one mapped, and changing mapped code would crash the test).
        var bytes = try Data(contentsOf: entry.library)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: entry.library, options: .atomic)
        #expect(try cache.entry(for: spec).built, "a library with another digest must be rebuilt")

        // A 0-byte runtime object, with the model gone so that it must be linked again.
        let runtime = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.directory.path).first { $0.hasPrefix("runtime-") })
        try Data().write(to: cache.directory.appendingPathComponent("\(runtime)/verilated.o"))
        try FileManager.default.removeItem(at: entry.directory)
        let (again, built) = try counts(spec, cache)
        #expect(built && again == 3)
        let size = try FileManager.default.attributesOfItem(atPath: cache.directory.appendingPathComponent("\(runtime)/verilated.o").path)[.size] as? Int
        #expect((size ?? 0) > 0)
    }

    /// Before: exit 1 (the mismatch code) with a raw NSError.
    @Test(arguments: ["file", "under-a-file", "/sys/trapline-cache"])
    func unusableCacheFolderIsACacheError(kind: String) throws {
        let dir = try RepoPaths.scratchDirectory("cache-folder")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let path = kind == "file" ? file.path : kind == "under-a-file" ? file.path + "/cache" : kind
        let cache = ModelCache(directory: URL(fileURLWithPath: path), log: { _ in })
        do {
            _ = try cache.entry(for: Fixtures.counterSpec(nonce: Fixtures.nonce()))
            Issue.record("a cache at \(path) cannot be used")
        } catch let e as CacheError {
            #expect("\(e)".hasPrefix("the model cache \(path) cannot be used: "), "\(e)")
            #expect("\(e)".contains(kind == "file" ? "it is a file, not a folder" : "cannot create the folder"), "\(e)")
            #expect("\(e)".hasSuffix("point TRAPLINE_CACHE_DIR at a writable folder (or remove what is in the way)"))
        }
        // Through the CLI: exit 3 (the environment), the same message.
        let r = try Tools.run(try RepoPaths.traplineExecutable().path, ["cosim", "--random", "3"],
                              environment: ["TRAPLINE_CACHE_DIR": path])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("trapline: error: the model cache \(path) cannot be used: "), "\(r.stderr)")
    }

    /// A builder killed with SIGKILL leaves its build folder; the next builder removes it, and `tmp/` itself.
    /// Before: tmp/ and every such folder stayed for ever.
    @Test func buildFoldersOfKilledBuildersAreRemoved() throws {
        let cache = try privateCache()
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let tmp = cache.directory.appendingPathComponent("tmp")
        let abandoned = tmp.appendingPathComponent("0123456789abcdef-p\(gone.processIdentifier)-DEADBEEF/obj")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        try Data(count: 0).write(to: abandoned.appendingPathComponent("tl_fast.o"))
        _ = try cache.entry(for: Fixtures.counterSpec(nonce: Fixtures.nonce()))
        #expect(!FileManager.default.fileExists(atPath: tmp.path),
                "left: \((try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [])")
    }
}
