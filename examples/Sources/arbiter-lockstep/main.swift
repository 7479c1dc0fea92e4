import Lockstep
import StreamArbiter

// The arbiter against its Swift reference, in lockstep under Verilator (and Icarus with
// --icarus-runs N). `--bug` seeds a fairness bug to show a shrunk, replayable failure.
LockstepCommandLine.main(flags: ["--bug"]) { cli in
    let bench = try LockstepBench(module: StreamArbiter.module(bug: cli.has("--bug")))
    var stimulus = RandomStimulus(ports: bench.ports)
    for valid in ["a_valid", "b_valid"] { stimulus.set(try bench.ports.input(valid), oneInPercent: 60) }
    stimulus.set(try bench.ports.input("out_ready"), oneInPercent: 70)
    return try cli.execute(bench: bench, reference: try ArbiterReference(ports: bench.ports), stimulus: stimulus)
}
