import Cryptography
import Domain

extension StoreReader {
    /// Applicants, decrypting NIKs with `keys`.
    public func applicants(_ keys: PersonalDataKeys) -> ApplicantRepository {
        ApplicantRepository(connection: connection, keys: keys)
    }

    public var visits: VisitRepository { VisitRepository(connection: connection) }
    public var sessions: SessionRepository { SessionRepository(connection: connection) }
    public var procedureReports: ProcedureReportRepository { ProcedureReportRepository(connection: connection) }
}

extension StoreWriter {
    /// Applicants, encrypting and decrypting NIKs with `keys`.
    public func applicants(_ keys: PersonalDataKeys) -> ApplicantRepository {
        ApplicantRepository(connection: connection, keys: keys)
    }

    public var visits: VisitRepository { VisitRepository(connection: connection) }
    public var sessions: SessionRepository { SessionRepository(connection: connection) }
    public var procedureReports: ProcedureReportRepository { ProcedureReportRepository(connection: connection) }
}
