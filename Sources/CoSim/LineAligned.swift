/// `count` values `value` in memory of their own cache lines (64-byte aligned,
/// rounded up to whole lines); free with `deallocate()`. For buffers written
/// every cycle by one thread beside data another thread uses (the model's
/// port buffers, the lockstep layer's cycle buffers): no line is shared.
@usableFromInline package func lineAligned<T>(_: T.Type, _ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
    let bytes = (count * MemoryLayout<T>.stride + 63) / 64 * 64
    let p = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64).bindMemory(to: T.self, capacity: count)
    p.initialize(repeating: value, count: count)
    return p
}
