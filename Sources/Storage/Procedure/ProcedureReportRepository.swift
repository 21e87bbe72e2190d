import Database
import Domain
import Foundation

/// What ``ReportSummary/compute(visits:sessions:from:to:officers:profile:)`` needs for a period.
public struct ReportData: Sendable {
    /// Visits that arrived in the period, plus the visits of ``sessions`` (for arrival times).
    public let visits: [Visit]
    /// Sessions started or completed in the period.
    public let sessions: [ConsultationSession]
    /// Officers whose assignment was active on at least one day of the period.
    public let activeOfficers: [StaffID]
}

/// The bounded reads behind `GET /v1/reports/summary`.
///
/// Why it exists: a report covers at most 366 days, so it reads that period's rows through the
/// date indexes and leaves the counting to the domain, where it is tested without a database.
public struct ProcedureReportRepository {
    public static let maximumDays = 366
    let connection: any SQLConnection

    /// The rows for `from…to` (office-local days, both included; at most 366 days).
    public func data(from: LocalDate, to: LocalDate, zone: OfficeTimeZone) throws -> ReportData {
        let days = to.daysSinceEpoch - from.daysSinceEpoch + 1
        guard (1...Self.maximumDays).contains(days) else {
            throw StoreError(.internal, "a report period must be 1 to \(Self.maximumDays) days; got \(days)")
        }
        let period: [SQLValue] = [.day(from), .day(to)]
        let sessionsInPeriod = "started_on BETWEEN ? AND ? OR (completed_on IS NOT NULL AND completed_on BETWEEN ? AND ?)"
        let visits = try connection.query("""
            SELECT \(VisitRepository.columns) FROM visits
            WHERE visit_date BETWEEN ? AND ? OR id IN (SELECT visit_id FROM sessions WHERE \(sessionsInPeriod))
            ORDER BY id
            """, period + period + period).map(VisitRepository.decode)
        let sessions = try connection.query("""
            SELECT \(SessionRepository.columns) FROM sessions WHERE \(sessionsInPeriod) ORDER BY id
            """, period + period).map(SessionRepository.decode)
        let officers = try connection.query("""
            SELECT DISTINCT officer_id FROM assignments
            WHERE effective_from <= ? AND (effective_until IS NULL OR effective_until >= ?)
                AND (revoked_at IS NULL OR revoked_at > ?)
            ORDER BY officer_id
            """, [.day(to), .day(from), .instant(zone.startOfDay(from))]).map { StaffID(rawValue: try $0.string("officer_id")) }
        return ReportData(visits: visits, sessions: sessions, activeOfficers: officers)
    }
}
