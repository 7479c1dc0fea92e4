// swift-tools-version:6.0
import PackageDescription

// Dependency direction:
//   HDL <- VerilogEmitter, HDL <- RouterDesign
//   RouterSpec imports nothing (the SPEC's numbers only); every target may import it
//   RouterModel imports RouterSpec only (it is the oracle; it re-exports RouterSpec)
//   CoSim imports nothing of ours (Verilog text + port list in, model out); swift-crypto for SHA-256
//   Lockstep <- CoSim, HDL, VerilogEmitter   (the generic verification layer: any design, a Swift reference)
//   Stimulus <- RouterSpec, RouterModel, Lockstep
//   RouterSim <- RouterSpec, RouterModel, Stimulus, CoSim, Lockstep   (drives a router RTL in Verilator / Icarus)
//   Equivalence <- RouterSpec, RouterModel, Stimulus, CoSim, RouterSim, Lockstep (shrinker, JUnit)
//   Formal <- CoSim   (Yosys + ABC proofs of a checker's assertions; Verilog text and port lists in)
//   trapline (CLI) sits on top of everything.
//
// No unsafeFlags anywhere: SwiftPM refuses a package that has them when it is required by
// version. The Makefile adds the type-checking guard to our own builds (BUILD_FLAGS).

let package = Package(
    name: "Trapline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trapline", targets: ["trapline"]),
        .library(name: "HDL", targets: ["HDL"]),
        .library(name: "VerilogEmitter", targets: ["VerilogEmitter"]),
        .library(name: "RouterDesign", targets: ["RouterDesign"]),
        .library(name: "RouterSpec", targets: ["RouterSpec"]),
        .library(name: "RouterModel", targets: ["RouterModel"]),
        .library(name: "CoSim", targets: ["CoSim"]),
        .library(name: "Lockstep", targets: ["Lockstep"]),
        .library(name: "RouterSim", targets: ["RouterSim"]),
        .library(name: "Equivalence", targets: ["Equivalence"]),
        .library(name: "Formal", targets: ["Formal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // Plugin only (`make docs`, `swift package generate-documentation`): no target depends on it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "HDL"),
        .target(name: "VerilogEmitter", dependencies: ["HDL"]),
        .target(name: "RouterDesign", dependencies: ["HDL", "VerilogEmitter", "RouterSpec"]),
        .target(name: "RouterSpec"),
        .target(name: "RouterModel", dependencies: ["RouterSpec"]),
        .target(name: "Stimulus", dependencies: ["RouterSpec", "RouterModel", "Lockstep"]),
        .target(name: "CoSim", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Lockstep", dependencies: ["CoSim", "HDL", "VerilogEmitter"]),
        .target(name: "RouterSim", dependencies: ["RouterSpec", "RouterModel", "Stimulus", "CoSim", "Lockstep"]),
        .target(name: "Equivalence", dependencies: ["RouterSpec", "RouterModel", "Stimulus", "CoSim", "RouterSim", "Lockstep"]),
        .target(name: "Formal", dependencies: ["CoSim"]),
        .executableTarget(
            name: "trapline",
            dependencies: [
                "HDL", "VerilogEmitter", "RouterDesign", "RouterSpec", "RouterModel", "Stimulus", "CoSim", "RouterSim", "Equivalence", "Formal", "Lockstep",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["CoSim"], path: "Tests/TestSupport"),
        .testTarget(name: "HDLTests", dependencies: ["HDL", "TestSupport"]),
        .testTarget(name: "VerilogEmitterTests", dependencies: ["HDL", "VerilogEmitter", "CoSim", "TestSupport"]),
        .testTarget(name: "RouterDesignTests", dependencies: ["RouterDesign", "HDL", "VerilogEmitter", "TestSupport"]),
        .testTarget(name: "RouterSimTests", dependencies: ["RouterSim", "Lockstep", "RouterDesign", "VerilogEmitter", "RouterModel", "Stimulus", "CoSim", "TestSupport"]),
        .testTarget(name: "RouterSpecTests", dependencies: ["RouterSpec"]),
        .testTarget(name: "RouterModelTests", dependencies: ["RouterModel", "TestSupport"]),
        .testTarget(name: "StimulusTests", dependencies: ["Stimulus", "RouterModel", "Lockstep", "TestSupport"]),
        .testTarget(name: "LockstepTests", dependencies: ["Lockstep", "CoSim", "HDL", "TestSupport"]),
        .testTarget(name: "CoSimTests", dependencies: ["CoSim", "HDL", "VerilogEmitter", "TestSupport"]),
        .testTarget(name: "EquivalenceTests", dependencies: ["Equivalence", "Lockstep", "RouterModel", "Stimulus", "CoSim", "RouterSim", "RouterDesign", "VerilogEmitter", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "FormalTests", dependencies: ["Formal", "HDL", "VerilogEmitter", "TestSupport"]),
    ]
)
