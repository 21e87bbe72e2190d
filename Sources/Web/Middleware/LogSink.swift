#if canImport(Glibc)
import Glibc
#endif

/// Where log lines go. Injectable so tests can read what was logged and so the
/// executable can disable or redirect logs.
public protocol LogSink: Sendable {
    /// Writes one line (without its newline) atomically with respect to other lines.
    func write(line: [UInt8])
}

/// Writes each line with a single `write(2)` on standard error: lines from many
/// threads never interleave (writes of up to `PIPE_BUF` bytes are atomic on pipes,
/// and every write to a terminal or file is one call) and nothing is buffered.
public struct StandardErrorSink: LogSink {
    public init() {}

    public func write(line: [UInt8]) {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            // Bounded retries: a partial write (rare: signal or full pipe) is completed, EINTR retried.
            var attempts = 0
            while offset < buffer.count, attempts < 16 {
                attempts += 1
                let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
