import RouterDesign
import RouterModel

extension RouterConfig {
    /// The same parameters for the router generator (RouterDesign keeps its
    /// own type so the RTL never shares decision code with the reference).
    var designParameters: RouterParameters {
        RouterParameters(vmms: vmms, guests: guests, ioRanges: ioRanges, platformVMM: platformVMM,
                         staticMap: staticMap, ioBitmaps: ioBitmaps)
    }
}
