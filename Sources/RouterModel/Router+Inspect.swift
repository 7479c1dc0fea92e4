/// Read access to the router's state for tests, benches and reports. None of
/// these follow the access rules of 6.3 or change anything.
extension Router {
    /// `returnTo[v]`: whom VMM v resumes, nil when invalid (v not busy).
    public func returnTo(vmm v: Int) -> Entity? {
        isBusy(vmm: v) ? Entity(raw: UInt8(store.returnTo[v] & 0xFF)) : nil
    }
    /// `owner[g]`: the VMM that last launched guest g.
    public func owner(guest g: Int) -> Int { Int(store.owner[g]) }
    /// `load[v]` (16-bit saturating).
    public func load(vmm v: Int) -> Int { Int(store.load[v]) }
    /// `handled[v]` (32-bit wrapping).
    public func handled(vmm v: Int) -> UInt32 { store.handled[v] }
    /// Whether ROUTE_LOCK is set.
    public var isRouteLocked: Bool { routeLocked }
    /// Word `w` of VMM v's I/O bitmap (SPEC 7); 0 when `ioBitmaps` is off.
    public func bitmapWord(vmm v: Int, word w: Int) -> UInt32 {
        (bitmaps.count == 0) ? 0 : bitmaps.words[v * IOBitmap.wordsPerVMM + w]
    }
    /// The value VMREAD would return for `field` of VMCS `vmcs` executed by VMM 0,
    /// or nil when that VMCS does not support the field (or `vmcs` >= V).
    public func peek(vmcs: Int, field: UInt32) -> UInt64? {
        guard vmcs >= 0, vmcs < vmmCount, let kind = decode(field, vmcs: vmcs) else { return nil }
        return read(kind, vmcs: vmcs)
    }
}

extension Router {
    /// A one-line summary of the SPEC 3 state for failure reports, e.g.
    /// `current vmm 2; returnTo 0:-, 1:-, 2:vmm 0, 3:-; load 0,0,1,0; handled 0,0,1,0; owner 0,0,2,...; lock 0`.
    public var stateSummary: String {
        let ret = (0..<vmmCount).map { v in "\(v):" + (returnTo(vmm: v).map { "\($0)" } ?? "-") }.joined(separator: ", ")
        let loads = (0..<vmmCount).map { "\(load(vmm: $0))" }.joined(separator: ",")
        let handled = (0..<vmmCount).map { "\(self.handled(vmm: $0))" }.joined(separator: ",")
        let owners = (0..<guestCount).map { "\(owner(guest: $0))" }.joined(separator: ",")
        return "current \(current); returnTo \(ret); load \(loads); handled \(handled); owner \(owners); lock \(routeLocked ? 1 : 0)"
    }
}
