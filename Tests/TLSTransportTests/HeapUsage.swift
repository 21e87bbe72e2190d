import Glibc

/// Bytes the process heap has handed out (glibc `mallinfo2`: `uordblks + hblkhd`).
///
/// `<malloc.h>` is not part of Swift's Glibc module, so the function is found
/// with `dlsym`. Its result is a 10 × `size_t` struct returned in memory; a
/// larger imported C struct of integers (`rusage`, 144 bytes) has the same
/// return convention and room for it, and its first 80 bytes are read back.
enum HeapUsage {
    private typealias MallInfo2 = @convention(c) () -> rusage

    static var isAvailable: Bool { bytesInUse() != nil }

    static func bytesInUse() -> Int? {
        guard let symbol = dlsym(nil, "mallinfo2") else { return nil }
        var result = unsafeBitCast(symbol, to: MallInfo2.self)()
        return withUnsafeBytes(of: &result) { raw in
            let fields = raw.bindMemory(to: Int.self)
            // An arena size of zero means another allocator (e.g. AddressSanitizer's) is in charge.
            return fields[0] == 0 ? nil : fields[7] + fields[4]  // uordblks (in use) + hblkhd (mmapped)
        }
    }
}
