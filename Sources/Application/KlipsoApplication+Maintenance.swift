import Database
import Foundation
import Storage

/// A start-up or maintenance failure explained in one sentence for the operator.
public struct ApplicationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension KlipsoApplication {
    /// `klipso migrate`: brings the configured database's schema up to date without serving.
    /// Returns the migration versions applied now (empty when already current); refuses a
    /// schema newer than this program.
    public static func migrate(configuration: ApplicationConfiguration) throws -> [Int] {
        try DataDirectory.prepare(configuration.dataDirectory)
        let pool = try DatabasePool.open(url: configuration.resolvedDatabaseURL)
        defer { pool.close() }
        do {
            return try Migrator.migrate(pool, KlipsoSchema.migrations)
        } catch let error as DatabaseError where error.kind == .schemaTooNew {
            throw ApplicationError("the database schema is newer than this klipso supports "
                + "(\(KlipsoSchema.currentVersion)); upgrade klipso: \(error.message)")
        }
    }

    /// `klipso audit verify`: walks the audit hash chain of the configured database and
    /// reports the first broken event, if any (exit non-zero unless `isIntact`).
    public static func verifyAudit(configuration: ApplicationConfiguration) throws -> AuditChainVerification {
        let store = try KlipsoStore.open(url: configuration.resolvedDatabaseURL)
        defer { store.close() }
        return try AuditLog.verify(store)
    }
}
