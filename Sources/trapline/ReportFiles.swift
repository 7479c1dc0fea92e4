import CoSim
import Equivalence
import Foundation

/// The report files of `equiv` and `merge` (`--junit`, `--results`, `--html`):
/// paths checked before the run (OutputPaths), written after it, each
/// atomically into a regular file (temporary file, rename; a device such as
/// /dev/stdout is written in place: renaming over it would replace the device).
enum ReportFiles {
    /// Writes `text` to `path`. A failure after the run (a full disk) names the
    /// option and the file; the verdict stands: a mismatch stays exit 1.
    static func write(_ data: Data, to path: String, flag: String, what: String, equivalent: Bool) throws {
        let regular = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType).map { $0 == .typeRegular } ?? true
        do { try data.write(to: URL(fileURLWithPath: path), options: regular ? .atomic : []) } catch {
            let message = "\(flag) \(path): cannot write the \(what) (\((error as NSError).localizedDescription)); the verdict above stands"
            throw equivalent ? CLIError.badInput(message) : CLIError.mismatch(message)
        }
    }

    /// The HTML report of `result`, with the waveform of its shrunk trace drawn
    /// from the VCD beside it (when there is one and it reads as a VCD).
    /// The reports `--junit`, `--results` (`document`, made only when asked) and `--html` of a
    /// campaign's result, then its verdict: a mismatch is thrown with the replay line.
    static func finish(_ result: CampaignResult, junit: String?, results: String?, document: () throws -> Data,
                       html: String?) throws {
        if let junit {
            try write(Data(JUnitReport.xml(result).utf8), to: junit, flag: "--junit", what: "report", equivalent: result.equivalent)
        }
        if let results {
            try write(try document(), to: results, flag: "--results", what: "results", equivalent: result.equivalent)
        }
        if let html {
            try write(self.html(result), to: html, flag: "--html", what: "HTML report", equivalent: result.equivalent)
        }
        if !result.equivalent {
            let replay = result.shrink.map { "; replay the shrunk trace with: \($0.replay)" } ?? ""
            throw CLIError.mismatch("the RTL and the reference differ (\(result.divergences.count) divergent testcases)\(replay)")
        }
    }

    static func html(_ result: CampaignResult) -> Data {
        var svg: String?
        // A waveform past 64 MB (a shrink stopped early on a long trace) is not drawn: the report names its path.
        if let s = result.shrink, let wave = s.wave,
           let size = (try? FileManager.default.attributesOfItem(atPath: wave.path)[.size] as? NSNumber)?.intValue, size <= 64 << 20,
           let text = try? String(contentsOf: wave, encoding: .utf8),
           let vcd = try? VCDReader.parse(text) {
            svg = WaveformSVG.svg(vcd, index: s.divergence.index)
        }
        return Data(HTMLReport.html(result, waveform: svg).utf8)
    }

    /// The first line of `--version` of the simulators, "unknown" when one cannot tell.
    static func toolVersions() -> ToolVersions {
        ToolVersions(trapline: TraplineVersion.string,
                     verilator: (try? Toolchain.version(of: .verilator)) ?? "unknown",
                     iverilog: (try? Toolchain.version(of: .iverilog)) ?? "unknown")
    }
}
