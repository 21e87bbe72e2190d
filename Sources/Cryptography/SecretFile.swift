import Glibc

/// Small owner-only files holding secrets: `data.key`, and the first admin's
/// `admin-token`.
///
/// Exists because writing a secret safely takes several steps that are easy to
/// get wrong: create it with mode 0600 from the first byte (never
/// chmod-after-write), make it appear atomically and durably, never overwrite
/// a secret another process created a moment earlier, and refuse to trust a
/// file other users could read.
public enum SecretFile {
    /// Longest secret file this will read; keys and tokens are far shorter.
    static let maximumByteCount = 4096

    /// Reads the whole file at `path`. Returns `nil` if it does not exist;
    /// throws `.keyFile` if it cannot be read, is not a regular file, or is
    /// accessible to group or others (fix with `chmod 600`).
    public static func read(path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw fileError("cannot open", path, code)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw fileError("cannot stat", path, errno) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw CryptographyError(.keyFile, "\(path) is not a regular file")
        }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw CryptographyError(.keyFile, "\(path) has mode 0\(String(permissions, radix: 8)); it must be readable by its owner only (chmod 600)")
        }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        // Bounded: at most maximumByteCount / 1024 + 2 successful reads, plus EINTR retries.
        for _ in 0..<64 {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw fileError("cannot read", path, errno)
            }
            if count == 0 { return contents }
            contents += buffer[0..<count]
            guard contents.count <= maximumByteCount else {
                throw CryptographyError(.keyFile, "\(path) is larger than \(maximumByteCount) bytes; it is not a secret file")
            }
        }
        throw CryptographyError(.keyFile, "\(path): read did not finish")
    }

    /// Creates `<directory>/<name>` holding `contents` with mode 0600, unless
    /// it already exists. Returns `true` if this call created it, `false` if
    /// the file was already there (its contents are then left untouched).
    ///
    /// Written to a temporary file (`O_EXCL`, 0600), flushed, then hard-linked
    /// into place: unlike `rename`, `link` fails if the name exists, so two
    /// processes starting together cannot replace each other's secret. The
    /// directory is flushed afterwards so the name survives a crash.
    public static func createIfAbsent(directory: String, name: String, contents: [UInt8]) throws -> Bool {
        let finalPath = directory + "/" + name
        let temporaryPath = directory + "/." + name + "." + Hex.encode(SecureRandom.bytes(8)) + ".tmp"
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw fileError("cannot create", temporaryPath, errno) }
        defer { unlink(temporaryPath) }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, 0o600) == 0 else { throw fileError("cannot set mode 0600 on", temporaryPath, errno) }
            try writeAll(descriptor, contents, path: temporaryPath)
            guard fsync(descriptor) == 0 else { throw fileError("cannot flush", temporaryPath, errno) }
        }
        if link(temporaryPath, finalPath) != 0 {
            let code = errno
            if code == EEXIST { return false }
            throw fileError("cannot link into place", finalPath, code)
        }
        try syncDirectory(directory)
        return true
    }

    private static func writeAll(_ descriptor: Int32, _ contents: [UInt8], path: String) throws {
        var offset = 0
        var attempts = 0
        while offset < contents.count {
            attempts += 1
            guard attempts <= 1000 else { throw CryptographyError(.keyFile, "\(path): write made no progress") }
            let written = contents.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw fileError("cannot write", path, errno)
            }
            offset += written
        }
    }

    private static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw fileError("cannot open directory", directory, errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw fileError("cannot flush directory", directory, errno) }
    }

    private static func fileError(_ action: String, _ path: String, _ code: Int32) -> CryptographyError {
        CryptographyError(.keyFile, "\(action) \(path): \(String(cString: strerror(code))) (errno \(code))")
    }
}
