/// The router's registers (SPEC 3, 6) in flat blocks allocated once at
/// `init`: a command reads and writes them through plain pointers, with no
/// allocation, bounds check or reference counting. `Router` keeps value
/// semantics by copying the storage before the first write when it is shared.
final class RouterStorage: @unchecked Sendable {
    let vmms: Int, guests: Int, ranges: Int
    /// SPEC 6.1 registers, `VMCSSlot.stride` slots per VMM.
    let vmcs: UnsafeMutablePointer<UInt64>
    /// `returnTo[v]` in the RETURN_TO layout: bit 8 valid, bits 7:0 entity.
    let returnTo: UnsafeMutablePointer<UInt16>
    let load: UnsafeMutablePointer<UInt16>
    let handled: UnsafeMutablePointer<UInt32>
    let owner: UnsafeMutablePointer<UInt8>
    /// SPEC 6.2: 64 entries each.
    let route: UnsafeMutablePointer<UInt32>
    let eligible: UnsafeMutablePointer<UInt32>
    /// SPEC 6.2: R entries each.
    let ioBase: UnsafeMutablePointer<UInt16>
    let ioLimit: UnsafeMutablePointer<UInt16>
    let ioCtrl: UnsafeMutablePointer<UInt32>

    init(vmms: Int, guests: Int, ranges: Int) {
        self.vmms = vmms; self.guests = guests; self.ranges = ranges
        vmcs = zeros(vmms * VMCSSlot.stride, UInt64.self)
        returnTo = zeros(vmms, UInt16.self)
        load = zeros(vmms, UInt16.self)
        handled = zeros(vmms, UInt32.self)
        owner = zeros(guests, UInt8.self)
        route = zeros(ExitReason.routableCount, UInt32.self)
        eligible = zeros(ExitReason.routableCount, UInt32.self)
        ioBase = zeros(ranges, UInt16.self)
        ioLimit = zeros(ranges, UInt16.self)
        ioCtrl = zeros(ranges, UInt32.self)
    }

    deinit {
        for p in [UnsafeMutableRawPointer(vmcs), UnsafeMutableRawPointer(returnTo), UnsafeMutableRawPointer(load),
                  UnsafeMutableRawPointer(handled), UnsafeMutableRawPointer(owner), UnsafeMutableRawPointer(route),
                  UnsafeMutableRawPointer(eligible), UnsafeMutableRawPointer(ioBase), UnsafeMutableRawPointer(ioLimit),
                  UnsafeMutableRawPointer(ioCtrl)] {
            p.deallocate()
        }
    }

    /// Every block as (pointer, byte count), for copying and comparing.
    private var blocks: [(UnsafeMutableRawPointer, Int)] {
        [(UnsafeMutableRawPointer(vmcs), vmms * VMCSSlot.stride * 8), (UnsafeMutableRawPointer(returnTo), vmms * 2),
         (UnsafeMutableRawPointer(load), vmms * 2), (UnsafeMutableRawPointer(handled), vmms * 4),
         (UnsafeMutableRawPointer(owner), guests), (UnsafeMutableRawPointer(route), ExitReason.routableCount * 4),
         (UnsafeMutableRawPointer(eligible), ExitReason.routableCount * 4), (UnsafeMutableRawPointer(ioBase), ranges * 2),
         (UnsafeMutableRawPointer(ioLimit), ranges * 2), (UnsafeMutableRawPointer(ioCtrl), ranges * 4)]
    }

    /// A separate storage with the same contents.
    func copy() -> RouterStorage {
        let c = RouterStorage(vmms: vmms, guests: guests, ranges: ranges)
        for ((to, n), (from, _)) in zip(c.blocks, blocks) { to.copyMemory(from: from, byteCount: n) }
        return c
    }

    /// Same shape and same contents.
    func sameContents(as other: RouterStorage) -> Bool {
        guard vmms == other.vmms, guests == other.guests, ranges == other.ranges else { return false }
        for ((a, n), (b, _)) in zip(blocks, other.blocks)
            where !UnsafeRawBufferPointer(start: a, count: n).elementsEqual(UnsafeRawBufferPointer(start: b, count: n)) {
            return false
        }
        return true
    }
}

/// SPEC 7: the I/O bitmaps, `IOBitmap.wordsPerVMM` (2048) words per VMM (none when `ioBitmaps` is off).
/// Kept apart from `RouterStorage` so that copying a router's registers does
/// not copy 8 KiB per VMM; only BITMAP_WRITE needs it unshared.
final class BitmapStorage: @unchecked Sendable {
    let count: Int
    let words: UnsafeMutablePointer<UInt32>
    init(count: Int) { self.count = count; words = zeros(count, UInt32.self) }
    deinit { words.deallocate() }
    func copy() -> BitmapStorage {
        let c = BitmapStorage(count: count)
        c.words.update(from: words, count: count)
        return c
    }
    func sameContents(as other: BitmapStorage) -> Bool {
        count == other.count && UnsafeBufferPointer(start: words, count: count).elementsEqual(UnsafeBufferPointer(start: other.words, count: count))
    }
}

/// `n` zeroed elements (at least one, so the pointer is always valid).
private func zeros<T: FixedWidthInteger>(_ n: Int, _: T.Type) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
    p.initialize(repeating: 0, count: max(n, 1))
    return p
}
