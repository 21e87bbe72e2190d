import Foundation

/// The data directory holds the SQLite file, keys and the development
/// certificate: it is created private (0700) so other local users cannot read them.
enum DataDirectory {
    static func prepare(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
}
