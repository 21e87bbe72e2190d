import COpenSSL

/// Memory-BIO housekeeping: keeps idle connections small.
extension TLSConnection {
    static func makeMemoryBIO() -> OpaquePointer? {
        // BIO_s_mem defaults to "retry" when empty, which SSL reports as WANT_READ.
        BIO_new(BIO_s_mem())
    }

    /// Frees buffer space kept from earlier traffic. Call it when the
    /// connection goes idle (e.g. waiting for the next keep-alive request,
    /// after the last response was flushed): with thousands of idle
    /// connections the few KiB each saves add up. Cheap; safe at any time.
    public func releaseIdleBuffers() {
        releaseReadBufferIfLarge(limit: Self.idleBufferLimit)
        releaseWriteBufferIfLarge(limit: Self.idleBufferLimit)
    }

    /// A memory BIO keeps its largest-ever capacity; once drained, swap a
    /// grown one for a fresh one.
    ///
    /// Asking a BIO costs two `BIO_ctrl` calls, so it is asked only when it
    /// could hold more than `limit`: its capacity is at most the one last
    /// measured, or what was written into it since (it was drained then)
    /// rounded up by a third (`BUF_MEM` growth), which the factor 2 covers.
    func releaseReadBufferIfLarge(limit: Int = retainedBufferLimit) {
        guard max(readBIOCapacity, readBIOGrowth.saturatingMultiply(2)) > limit, Self.isDrained(readBIO) else { return }
        readBIOGrowth = 0
        readBIOCapacity = Self.capacity(of: readBIO)
        guard readBIOCapacity > limit, let fresh = Self.makeMemoryBIO() else { return }
        SSL_set0_rbio(ssl, fresh)  // frees the old read BIO
        readBIO = fresh
        readBIOCapacity = 0
    }

    func releaseWriteBufferIfLarge(limit: Int = retainedBufferLimit) {
        guard max(writeBIOCapacity, writeBIOGrowth.saturatingMultiply(2)) > limit, Self.isDrained(writeBIO) else { return }
        writeBIOGrowth = 0
        writeBIOCapacity = Self.capacity(of: writeBIO)
        guard writeBIOCapacity > limit, let fresh = Self.makeMemoryBIO() else { return }
        SSL_set0_wbio(ssl, fresh)  // frees the old write BIO
        writeBIO = fresh
        writeBIOCapacity = 0
    }

    private static func isDrained(_ bio: OpaquePointer) -> Bool { klipso_BIO_pending(bio) == 0 }

    private static func capacity(of bio: OpaquePointer) -> Int {
        var memory: UnsafeMutablePointer<BUF_MEM>?
        _ = klipso_BIO_get_mem_ptr(bio, &memory)
        return memory?.pointee.max ?? 0
    }
}

extension Int {
    /// `self * factor`, or `Int.max` on overflow.
    func saturatingMultiply(_ factor: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: factor)
        return overflow ? .max : product
    }
}
