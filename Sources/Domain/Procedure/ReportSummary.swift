import Foundation

/// The figures of `GET /v1/reports/summary` for a period of office-local days, both included.
///
/// Why it exists: the reporting division reads how KLIPSO is used (art. 6, accountability).
/// Every `by_…` map holds every key, 0 when nothing happened, so a spreadsheet built on the
/// CSV keeps its columns. Counting rules (openapi notes 25): visits by arrival day; sessions
/// by start day; `by_outcome` over those completed; `waiting_seconds` from arrival to start
/// over sessions started in the period; `session_seconds` from start to completion over
/// sessions completed in the period; `by_officer` keyed by every officer given plus anyone who
/// served.
public struct ReportSummary: Sendable, Hashable {
    public let from: LocalDate
    public let to: LocalDate
    public let timeZone: String
    public let visitsTotal: Int
    public let byPurpose: [VisitPurpose: Int]
    public let byDecision: [VisitDecision: Int]
    public let byStatus: [VisitStatus: Int]
    public let sessionsTotal: Int
    public let byOutcome: [SessionOutcome: Int]
    public let byPlatform: [Platform: Int]
    public let byOfficer: [StaffID: Int]
    public let waitingSeconds: DurationStats
    public let sessionSeconds: DurationStats

    /// Computes the summary. `visits` must include the visits of the sessions given (for
    /// arrival times) besides those that arrived in the period; `officers` are those whose
    /// assignment was active on some day of the period. Items outside the period are ignored.
    public static func compute(visits: [Visit], sessions: [ConsultationSession], from: LocalDate, to: LocalDate,
                               officers: [StaffID], profile: OfficeProfile) -> ReportSummary {
        let period = from...to
        let arrived = visits.filter { period.contains($0.visitDate) }
        let started = sessions.filter { period.contains($0.startedOn) }
        let arrivals = Dictionary(visits.map { ($0.id, $0.createdAt) }, uniquingKeysWith: { first, _ in first })

        var byOfficer = Dictionary(officers.map { ($0, 0) }, uniquingKeysWith: { first, _ in first })
        for session in started { byOfficer[session.officerID, default: 0] += 1 }

        let waiting = started.compactMap { session in
            arrivals[session.visitID].map { wholeSeconds(from: $0, to: session.startedAt) }
        }
        let durations = sessions.compactMap { session -> Int? in
            guard let end = session.completedAt, let day = session.completedOn, period.contains(day) else { return nil }
            return wholeSeconds(from: session.startedAt, to: end)
        }
        return ReportSummary(
            from: from, to: to, timeZone: profile.timeZone.identifier,
            visitsTotal: arrived.count,
            byPurpose: counts(arrived.map(\.purpose)),
            byDecision: counts(arrived.map(\.decision)),
            byStatus: counts(arrived.map(\.status)),
            sessionsTotal: started.count,
            byOutcome: counts(started.compactMap(\.outcome)),
            byPlatform: counts(started.map(\.platform)),
            byOfficer: byOfficer,
            waitingSeconds: DurationStats(samples: waiting),
            sessionSeconds: DurationStats(samples: durations))
    }

    /// Whole seconds from `start` to `end`, rounded down, never negative.
    static func wholeSeconds(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start).rounded(.down)))
    }

    /// A count for every case of `Value`, 0 when it never occurs.
    static func counts<Value: ContractValue>(_ values: [Value]) -> [Value: Int] {
        var result = Dictionary(uniqueKeysWithValues: Value.allCases.map { ($0, 0) })
        for value in values { result[value, default: 0] += 1 }
        return result
    }
}
