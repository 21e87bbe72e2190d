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
    func releaseReadBufferIfLarge(limit: Int = retainedBufferLimit) {
        guard Self.isDrained(readBIO, andLargerThan: limit), let fresh = Self.makeMemoryBIO() else { return }
        SSL_set0_rbio(ssl, fresh)  // frees the old read BIO
        readBIO = fresh
    }

    func releaseWriteBufferIfLarge(limit: Int = retainedBufferLimit) {
        guard Self.isDrained(writeBIO, andLargerThan: limit), let fresh = Self.makeMemoryBIO() else { return }
        SSL_set0_wbio(ssl, fresh)  // frees the old write BIO
        writeBIO = fresh
    }

    private static func isDrained(_ bio: OpaquePointer, andLargerThan limit: Int) -> Bool {
        guard klipso_BIO_pending(bio) == 0 else { return false }
        var memory: UnsafeMutablePointer<BUF_MEM>?
        _ = klipso_BIO_get_mem_ptr(bio, &memory)
        guard let memory else { return false }
        return memory.pointee.max > limit
    }
}
