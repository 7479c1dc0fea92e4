// swift-tools-version:6.0
import PackageDescription

// A package of its own that uses Trapline as a user would: it designs a block in the DSL
// (a two-input round-robin stream arbiter), writes its Swift reference model, and runs a
// lockstep random campaign with shrinking (`swift run arbiter-lockstep`).
// Here Trapline comes from the folder above; a package elsewhere names it by URL and version:
//   .package(url: "https://github.com/trapline/trapline", from: "0.1.0")
let package = Package(
    name: "TraplineExamples",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "Trapline"),   // a link to the folder above: a path dependency is named for its folder
    ],
    targets: [
        .target(name: "StreamArbiter", dependencies: [
            .product(name: "HDL", package: "Trapline"),
            .product(name: "Lockstep", package: "Trapline"),
        ]),
        .executableTarget(name: "arbiter-lockstep", dependencies: [
            "StreamArbiter",
            .product(name: "Lockstep", package: "Trapline"),
        ]),
    ]
)
