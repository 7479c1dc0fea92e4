import Foundation
import HDL
import Testing
import TestSupport

/// Hardware equality is `.==`: Swift's `==` on two Signals must not compile (so a
/// generate-time `if a == b` can't silently stand in for hardware). Checked by running
/// the real compiler on two snippets against the built HDL module.
@Suite struct TypeSafetyTests {
    func typecheck(_ source: String) throws -> Tools.Result {
        let dir = try RepoPaths.scratchDirectory("typecheck")
        let file = dir.appendingPathComponent("snippet.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let modules = RepoPaths.buildDirectory.appendingPathComponent("Modules").path
        let result = try Tools.run(try Self.swiftc(), ["-typecheck", "-I", modules, file.path])
        try? FileManager.default.removeItem(at: dir)
        return result
    }

    /// The Swift compiler: on PATH, else next to the usual toolchain locations.
    static func swiftc() throws -> String {
        if let onPath = try? Tools.path(of: "swiftc") { return onPath }
        for candidate in ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc", "/usr/local/bin/swiftc"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TestSupportError("swiftc was not found on PATH or in /opt/swift/usr/bin: put the Swift toolchain's bin directory on PATH")
    }

    @Test func swiftEqualityOnSignalsDoesNotCompileButHardwareEqualityDoes() throws {
        let prelude = """
        import HDL
        let m = ModuleBuilder("t")
        let a = m.input("a", width: 4)
        let b = m.input("b", width: 4)
        let y = m.output("y")

        """
        let good = try typecheck(prelude + "y <== a .== b\nm.when(a .!= 3) { y <== a < b }\n")
        #expect(good.status == 0, "the control snippet must compile: \(good.stderr)")
        let bad = try typecheck(prelude + "if a == b { y <== a[0] }\n")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("=="), "\(bad.stderr)")
    }
}
