import Domain
import Testing

@Suite struct SessionTests {
    @Test func openingTakesAWaitingRoutedVisitAndCopiesItsFacts() throws {
        let visit = try Procedure.visit(.onlineRegistrationEducation, platform: .eptsp)
        let at = Procedure.moment("2026-12-03T23:30:00+07:00")
        let (session, inSession) = try ConsultationSession.open(visit: visit, officerID: Procedure.officer,
                                                                assignmentID: Procedure.assignment,
                                                                id: SessionID(rawValue: "s"), at: at)
        #expect(session.status == .inProgress && session.version == 1 && session.createdAt == at.instant)
        #expect(session.platform == .eptsp && session.applicantID == visit.applicantID && session.visitID == visit.id)
        #expect(session.officerID == Procedure.officer && session.assignmentID == Procedure.assignment)
        #expect(session.startedOn == day("2026-12-03"))
        #expect(session.topics.isEmpty && session.outcome == nil && session.missingRequirements.isEmpty)
        #expect(inSession.status == .inSession && inSession.sessionID == session.id)
    }

    @Test func refusedVisitsCannotHaveASession() throws {
        let refused = try Procedure.visit(.commitmentFulfilment, platform: .oss)
        let error = procedureError { _ = try Procedure.openSession(visit: refused) }
        #expect(error?.code == .invalidState && error?.currentStatus == "refused")
    }

    @Test func onlyItsOfficerChangesItAndArraysAreReplacedWhole() throws {
        let session = try Procedure.openSession().session
        let changes = try SessionChanges.validated(topics: [.ossAccount, .nibRegistration], notes: .set(" Akun OSS dibuat "),
                                                   requirements: [Requirement(name: "NPWP", fulfilled: false)])
        let stranger = procedureError { _ = try session.updated(with: changes, by: StaffID(rawValue: "someone"), at: session.startedAt) }
        #expect(stranger?.code == .notSessionOfficer)
        let later = session.startedAt.addingTimeInterval(60)
        let changed = try session.updated(with: changes, by: Procedure.officer, at: later)
        #expect(changed.topics == [.ossAccount, .nibRegistration] && changed.notes == "Akun OSS dibuat")
        #expect(changed.requirements == [Requirement(name: "NPWP", fulfilled: false)])
        #expect(changed.version == 2 && changed.updatedAt == later)
        let replaced = try changed.updated(with: try SessionChanges.validated(topics: [.other], notes: .clear),
                                           by: Procedure.officer, at: later)
        #expect(replaced.topics == [.other] && replaced.notes == nil && replaced.requirements == changed.requirements)
    }

    @Test func changeRulesAreCheckedWhenTheChangesAreMade() {
        let codes = fieldCodes {
            _ = try SessionChanges.validated(topics: [.other, .other], notes: .set(String(repeating: "n", count: 4001)),
                                             requirements: [Requirement(name: "NPWP", fulfilled: true),
                                                            Requirement(name: "NPWP", fulfilled: false),
                                                            Requirement(name: " ", fulfilled: false)])
        }
        #expect(codes == ["topics.duplicate", "notes.too_long", "requirements.duplicate", "requirements[2].name.required"])
        let tooMany = (0...50).map { Requirement(name: "item \($0)", fulfilled: false) }
        #expect(fieldCodes { _ = try SessionChanges.validated(requirements: tooMany) } == ["requirements.too_many"])
    }

    /// Every (outcome, next_step) pair against the contract's table.
    @Test(arguments: SessionOutcome.allCases, [nil] + NextStep.allCases.map { Optional($0) })
    func nextStepMustFitTheOutcome(outcome: SessionOutcome, step: NextStep?) {
        let allowed: [SessionOutcome: [NextStep?]] = [
            .requirementsComplete: [.continueOnlineRegistration, .frontOfficeCommitmentFulfilment],
            .requirementsIncomplete: [.returnWithRequirements],
            .referred: [.frontOfficeCounter, .complaintsDesk],
            .applicantLeft: [nil],
        ]
        let missing = outcome == .requirementsIncomplete ? ["NPWP"] : []
        let codes = fieldCodes {
            _ = try SessionCompletion.validated(outcome: outcome, nextStep: step, missingRequirements: missing)
        }
        let isAllowed = allowed[outcome]?.contains(step) == true
        #expect(codes == (isAllowed ? [] : [step == nil ? "next_step.required" : "next_step.mismatch"]))
    }

    @Test func missingRequirementsFollowTheOutcome() {
        func codes(_ outcome: SessionOutcome, _ step: NextStep?, _ missing: [String]?) -> [String] {
            fieldCodes { _ = try SessionCompletion.validated(outcome: outcome, nextStep: step, missingRequirements: missing) }
        }
        #expect(codes(.requirementsIncomplete, .returnWithRequirements, nil) == ["missing_requirements.required"])
        #expect(codes(.requirementsIncomplete, .returnWithRequirements, []) == ["missing_requirements.required"])
        #expect(codes(.requirementsIncomplete, .returnWithRequirements, ["NPWP", "NPWP"]) == ["missing_requirements.duplicate"])
        #expect(codes(.requirementsComplete, .continueOnlineRegistration, ["NPWP"]) == ["missing_requirements.not_allowed"])
        #expect(codes(.referred, .frontOfficeCounter, ["NPWP"]) == ["missing_requirements.not_allowed"])
        #expect(codes(.requirementsComplete, .continueOnlineRegistration, []) == [])
        #expect(codes(.applicantLeft, nil, ["KTP"]) == [])
        #expect(codes(.applicantLeft, nil, nil) == [])
    }

    @Test func completionEndsSessionAndVisitTogether() throws {
        let (session, visit) = try Procedure.openSession()
        let completion = try SessionCompletion.validated(outcome: .requirementsIncomplete, nextStep: .returnWithRequirements,
                                                         missingRequirements: [" NPWP "])
        let end = Procedure.moment("2026-12-03T09:31:00+07:00")
        let other = procedureError { _ = try session.completed(completion, by: StaffID(rawValue: "x"), visit: visit, at: end) }
        #expect(other?.code == .notSessionOfficer)
        let (done, completedVisit) = try session.completed(completion, by: Procedure.officer, visit: visit, at: end)
        #expect(done.status == .completed && done.outcome == .requirementsIncomplete)
        #expect(done.nextStep == .returnWithRequirements && done.missingRequirements == ["NPWP"])
        #expect(done.completedAt == end.instant && done.completedOn == day("2026-12-03") && done.version == 2)
        #expect(completedVisit.status == .completed && completedVisit.endedAt == end.instant)

        let again = procedureError { _ = try done.completed(completion, by: Procedure.officer, visit: completedVisit, at: end) }
        #expect(again?.code == .invalidState && again?.currentStatus == "completed")
        let patch = procedureError {
            _ = try done.updated(with: try SessionChanges.validated(topics: []), by: Procedure.officer, at: end.instant)
        }
        #expect(patch?.code == .invalidState)
        let wrongVisit = try Procedure.visit(id: "visit-2")
        let mismatch = procedureError { _ = try session.completed(completion, by: Procedure.officer, visit: wrongVisit, at: end) }
        #expect(mismatch?.code == .mismatchedVisit)
    }
}
