import COpenSSL

/// Memory-BIO housekeeping: keeps idle connections small.
extension TLSConnection {
    static func makeMemoryBIO() -> OpaquePointer? {
        // BIO_s_mem defaults to "retry" when empty, which SSL reports as WANT_READ.
        BIO_new(BIO_s_mem())
    }

    /// A memory BIO keeps its largest-ever capacity; once drained, swap a
    /// grown one for a fresh one so idle connections hold almost nothing.
    func releaseReadBufferIfLarge() {
        guard Self.isDrainedAndLarge(readBIO), let fresh = Self.makeMemoryBIO() else { return }
        SSL_set0_rbio(ssl, fresh)  // frees the old read BIO
        readBIO = fresh
    }

    func releaseWriteBufferIfLarge() {
        guard Self.isDrainedAndLarge(writeBIO), let fresh = Self.makeMemoryBIO() else { return }
        SSL_set0_wbio(ssl, fresh)  // frees the old write BIO
        writeBIO = fresh
    }

    private static func isDrainedAndLarge(_ bio: OpaquePointer) -> Bool {
        guard klipso_BIO_pending(bio) == 0 else { return false }
        var memory: UnsafeMutablePointer<BUF_MEM>?
        _ = klipso_BIO_get_mem_ptr(bio, &memory)
        guard let memory else { return false }
        return memory.pointee.max > retainedBufferLimit
    }
}
