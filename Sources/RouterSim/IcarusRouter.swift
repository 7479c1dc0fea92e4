import Foundation
import RouterModel

/// Runs a router RTL under Icarus Verilog through a generated self-checking
/// test bench (owner: the router-design work; this is the seam's placeholder).
public struct IcarusRouter: RouterSimulator {
    public let name = "icarus"
    public var verilog: String
    public var workDirectory: URL?

    /// `verilog`: the text of a Verilog file with the SPEC section 9 top module
    /// `trapline_router`. `workDirectory`: where to keep the test bench and
    /// outputs (a fresh temporary directory when nil).
    public init(verilog: String, workDirectory: URL? = nil) {
        self.verilog = verilog; self.workDirectory = workDirectory
    }

    public func run(_ commands: [Command], handshake: Handshake, wave: URL?) throws -> SimRun {
        throw SimulatorUnavailable(message: "the Icarus replay is not implemented yet")
    }
}

/// A simulator path that cannot run (not built yet or not supported).
public struct SimulatorUnavailable: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
