import Domain
import Testing

@Suite struct VisitTransitionTests {
    enum Action: String, CaseIterable, Sendable {
        case cancel, noShow, openSession, completeSession
    }

    /// The contract: waiting → in_session → completed; waiting → cancelled | no_show.
    static func isLegal(_ action: Action, from status: VisitStatus) -> Bool {
        switch (action, status) {
        case (.cancel, .waiting), (.noShow, .waiting), (.openSession, .waiting), (.completeSession, .inSession): true
        default: false
        }
    }

    static let expectedTarget: [Action: VisitStatus] = [
        .cancel: .cancelled, .noShow: .noShow, .openSession: .inSession, .completeSession: .completed,
    ]

    func perform(_ action: Action, on visit: Visit) throws -> Visit {
        let later = Procedure.moment("2026-12-03T09:40:00+07:00")
        switch action {
        case .cancel: return try visit.cancelled(reason: "ada keperluan lain", at: later.instant)
        case .noShow: return try visit.markedNoShow(at: later.instant)
        case .openSession:
            return try ConsultationSession.open(visit: visit, officerID: Procedure.officer, assignmentID: Procedure.assignment,
                                                id: SessionID(rawValue: "s2"), at: later).visit
        case .completeSession:
            let session = try Procedure.openSession().session
            let completion = try SessionCompletion.validated(outcome: .referred, nextStep: .complaintsDesk,
                                                             missingRequirements: [])
            return try session.completed(completion, by: Procedure.officer, visit: visit, at: later).visit
        }
    }

    @Test(arguments: VisitStatus.allCases, Action.allCases)
    func everyTransitionIsLegalOrRefusedNamingTheState(status: VisitStatus, action: Action) throws {
        let visit = try Procedure.visit(in: status)
        #expect(visit.status == status)
        if Self.isLegal(action, from: status) {
            let next = try perform(action, on: visit)
            #expect(next.status == Self.expectedTarget[action])
            #expect(next.version == visit.version + 1 && next.updatedAt > visit.updatedAt)
            #expect(next.id == visit.id && next.queueNumber == visit.queueNumber)
        } else {
            let error = procedureError { _ = try perform(action, on: visit) }
            #expect(error?.code == .invalidState)
            #expect(error?.currentStatus == status.rawValue)
        }
    }

    @Test func statusTableAgreesWithFinality() {
        #expect(VisitStatus.allCases.filter { !$0.isFinal } == [.waiting, .inSession])
        for status in VisitStatus.allCases {
            for next in VisitStatus.allCases {
                let legal = Action.allCases.contains { Self.isLegal($0, from: status) && Self.expectedTarget[$0] == next }
                #expect(status.canMove(to: next) == legal, "\(status) → \(next)")
            }
        }
    }

    @Test func transitionsRecordTimesSessionAndReason() throws {
        let waiting = try Procedure.visit()
        let cancelled = try waiting.cancelled(reason: "  Pemohon pulang  ", at: Procedure.morning.instant)
        #expect(cancelled.cancellationReason == "Pemohon pulang" && cancelled.endedAt == Procedure.morning.instant)
        let blankReason = try waiting.cancelled(reason: "   ", at: Procedure.morning.instant)
        #expect(blankReason.cancellationReason == nil)
        #expect(throws: ValidationError.self) {
            try waiting.cancelled(reason: String(repeating: "x", count: 1001), at: Procedure.morning.instant)
        }
        let opened = try Procedure.openSession(visit: waiting)
        #expect(opened.visit.sessionID == opened.session.id && opened.visit.startedAt == opened.session.startedAt)
        #expect(opened.visit.endedAt == nil)
    }

    @Test func queueNumbersAreAssignedOnceToRoutedVisits() throws {
        let routed = try Procedure.visit().numbered(QueueNumber(prefix: "K", sequence: 7))
        #expect(routed.queueNumber?.text == "K-007")
    }
}

@Suite struct QueueNumberTests {
    @Test(arguments: [(1, "K-001"), (7, "K-007"), (42, "K-042"), (999, "K-999"), (1000, "K-1000"), (12345, "K-12345")])
    func formatsWithAtLeastThreeDigits(sequence: Int, text: String) {
        let number = QueueNumber(prefix: "K", sequence: sequence)
        #expect(number.text == text && number.description == text)
        #expect(QueueNumber(text) == number)
    }

    @Test func usesTheProfilePrefix() {
        #expect(QueueNumber(prefix: "KL", sequence: 3).text == "KL-003")
        #expect(QueueNumber("KL-003") == QueueNumber(prefix: "KL", sequence: 3))
    }

    @Test(arguments: ["", "K", "K-", "K-01", "K-0001", "K-000", "k-001", "K001", "K-00a", "-001", "K-1-2"])
    func rejectsMalformedText(text: String) {
        #expect(QueueNumber(text) == nil)
    }

    @Test func ordersBySequenceNotText() {
        let numbers = [QueueNumber(prefix: "K", sequence: 1000), QueueNumber(prefix: "K", sequence: 999)]
        #expect(numbers.sorted().map(\.text) == ["K-999", "K-1000"])
    }
}
