import Foundation

/// Writes a file so that readers see either nothing or the complete content:
/// a temporary file in the same directory, created with its final mode,
/// flushed to disk, then renamed into place.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(TLSError) {
        let temporaryPath = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw systemError("cannot create \(temporaryPath)") }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporaryPath) }
        }
        let writeError: TLSError? = bytes.withUnsafeBytes { buffer in
            defer { close(descriptor) }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return systemError("cannot write \(temporaryPath)")
                }
                offset += written
            }
            // The umask may have narrowed the mode; set it exactly.
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else { return systemError("cannot finish \(temporaryPath)") }
            return nil
        }
        if let writeError { throw writeError }
        guard rename(temporaryPath, path) == 0 else { throw systemError("cannot rename \(temporaryPath) to \(path)") }
        succeeded = true
    }

    private static func systemError(_ message: String) -> TLSError {
        TLSError(message, details: [String(cString: strerror(errno))])
    }
}
