import Domain
import Foundation
import Testing

@Suite struct ReportTests {
    static let from = day("2026-12-01")
    static let to = day("2026-12-31")

    @Test func anEmptyPeriodHasEveryKeyAtZeroAndNullTimes() {
        let officer = StaffID(rawValue: "01jd8m5c7e9g1j3m5p7r9t1w4x")
        let report = ReportSummary.compute(visits: [], sessions: [], from: Self.from, to: Self.to, officers: [officer],
                                           profile: Procedure.profile)
        #expect(report.visitsTotal == 0 && report.sessionsTotal == 0)
        #expect(report.byPurpose.count == 8 && report.byPurpose.values.allSatisfy { $0 == 0 })
        #expect(report.byDecision.count == 2 && report.byStatus.count == 6)
        #expect(report.byOutcome.count == 4 && report.byPlatform.count == 2)
        #expect(report.byOfficer == [officer: 0])
        #expect(report.waitingSeconds == DurationStats(median: nil, p90: nil))
        #expect(report.sessionSeconds == DurationStats(median: nil, p90: nil))
        #expect(report.timeZone == "Asia/Jakarta")
    }

    @Test func nearestRankPercentiles() {
        #expect(DurationStats.nearestRank(50, of: []) == nil)
        #expect(DurationStats(samples: [42]) == DurationStats(median: 42, p90: 42))
        #expect(DurationStats(samples: [30, 10, 20, 40]) == DurationStats(median: 20, p90: 40))
        let hundred = Array(1...100).shuffled()
        #expect(DurationStats(samples: hundred) == DurationStats(median: 50, p90: 90))
        let ten = [15, 20, 35, 40, 50, 60, 70, 80, 90, 100]
        #expect(DurationStats(samples: ten) == DurationStats(median: 50, p90: 90))
        #expect(DurationStats(samples: Array(1...11)) == DurationStats(median: 6, p90: 10))
    }

    /// Three visits in the period (one refused, one completed, one waiting), one the day before
    /// whose session started in the period, and one after the period.
    func scenario() throws -> ReportSummary {
        func at(_ text: String) -> OfficeMoment { Procedure.moment(text) }
        let served = try Procedure.visit(id: "v1", at: at("2026-12-03T08:00:00+07:00"))
        let refused = try Procedure.visit(.complaint, platform: nil, id: "v2", at: at("2026-12-03T08:10:00+07:00"))
        let waiting = try Procedure.visit(.onlineRegistrationInformation, platform: .eptsp, id: "v3",
                                          at: at("2026-12-31T23:59:00+07:00"))
        let early = try Procedure.visit(id: "v0", at: at("2026-11-30T16:00:00+07:00"))
        let late = try Procedure.visit(id: "v9", at: at("2027-01-01T00:00:00+07:00"))
        let officerA = StaffID(rawValue: "a"), officerB = StaffID(rawValue: "b"), idle = StaffID(rawValue: "c")

        let first = try ConsultationSession.open(visit: served, officerID: officerA, assignmentID: Procedure.assignment,
                                                 id: SessionID(rawValue: "s1"), at: at("2026-12-03T08:07:00.700+07:00"))
        let completion = try SessionCompletion.validated(outcome: .requirementsComplete, nextStep: .continueOnlineRegistration,
                                                         missingRequirements: nil)
        let firstDone = try first.session.completed(completion, by: officerA, visit: first.visit,
                                                    at: at("2026-12-03T08:37:00+07:00"))
        let second = try ConsultationSession.open(visit: early, officerID: officerB, assignmentID: Procedure.assignment,
                                                  id: SessionID(rawValue: "s2"), at: at("2026-12-01T08:00:00+07:00"))
        let lateSession = try ConsultationSession.open(visit: late, officerID: officerB, assignmentID: Procedure.assignment,
                                                       id: SessionID(rawValue: "s9"), at: at("2027-01-01T08:00:00+07:00"))
        return ReportSummary.compute(
            visits: [firstDone.visit, refused, waiting, second.visit, lateSession.visit],
            sessions: [firstDone.session, second.session, lateSession.session],
            from: Self.from, to: Self.to, officers: [officerA, idle], profile: Procedure.profile)
    }

    @Test func countsFollowTheContractRules() throws {
        let report = try scenario()
        #expect(report.visitsTotal == 3)
        #expect(report.byPurpose[.onlineRegistrationAssistance] == 1 && report.byPurpose[.complaint] == 1)
        #expect(report.byPurpose[.onlineRegistrationInformation] == 1 && report.byPurpose[.other] == 0)
        #expect(report.byDecision == [.routedToKlipso: 2, .refused: 1])
        #expect(report.byStatus == [.waiting: 1, .inSession: 0, .completed: 1, .cancelled: 0, .noShow: 0, .refused: 1])
        #expect(report.sessionsTotal == 2)
        #expect(report.byOutcome == [.requirementsComplete: 1, .requirementsIncomplete: 0, .referred: 0, .applicantLeft: 0])
        #expect(report.byPlatform == [.oss: 2, .eptsp: 0])
        #expect(report.byOfficer == [StaffID(rawValue: "a"): 1, StaffID(rawValue: "b"): 1, StaffID(rawValue: "c"): 0])
        // Waits: 7 min 0.7 s (rounded down) and 16 h from the visit of 30 November.
        #expect(report.waitingSeconds == DurationStats(median: 420, p90: 57_600))
        #expect(report.sessionSeconds == DurationStats(median: 1_799, p90: 1_799))
    }

    @Test func csvListsEveryFigureWithCRLF() throws {
        let csv = try scenario().csv
        let lines = csv.components(separatedBy: "\r\n")
        #expect(csv.hasSuffix("\r\n") && !csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(Array(lines.prefix(5)) == ["metric,value", "from,2026-12-01", "to,2026-12-31", "time_zone,Asia/Jakarta",
                                           "visits.total,3"])
        #expect(lines.contains("visits.by_purpose.complaint,1") && lines.contains("visits.by_status.in_session,0"))
        #expect(lines.contains("sessions.by_officer.c,0") && lines.contains("sessions.by_platform.oss,2"))
        #expect(Array(lines.suffix(5)) == ["waiting_seconds.median,420", "waiting_seconds.p90,57600",
                                           "session_seconds.median,1799", "session_seconds.p90,1799", ""])
        // 1 header + 3 + visits (1 + 8 + 2 + 6) + sessions (1 + 4 + 2 + 3 officers) + 4 times.
        #expect(lines.count - 1 == 1 + 3 + 17 + 10 + 4)

        let empty = ReportSummary.compute(visits: [], sessions: [], from: Self.from, to: Self.to, officers: [],
                                          profile: Procedure.profile).csv
        #expect(empty.hasSuffix("waiting_seconds.median,\r\nwaiting_seconds.p90,\r\nsession_seconds.median,\r\nsession_seconds.p90,\r\n"))
    }
}
