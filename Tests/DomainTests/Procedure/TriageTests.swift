import Domain
import Testing

@Suite struct TriageTests {
    /// The contract's table, row by row.
    static let table: [(VisitPurpose, ReferralDesk?)] = [
        (.onlineRegistrationInformation, nil), (.onlineRegistrationEducation, nil), (.onlineRegistrationAssistance, nil),
        (.applicationSubmission, .frontOfficeCounter), (.commitmentFulfilment, .frontOfficeCounter),
        (.statusInquiry, .frontOfficeCounter), (.complaint, .complaintsDesk), (.other, .frontOfficeCounter),
    ]

    @Test func theTableCoversEveryPurposeExactlyOnce() {
        #expect(Set(Self.table.map(\.0)) == Set(VisitPurpose.allCases))
        #expect(Self.table.count == VisitPurpose.allCases.count)
        #expect(VisitPurpose.allCases.count == 8)
    }

    @Test(arguments: table)
    func everyPurposeIsDecidedAsTheContractSays(purpose: VisitPurpose, desk: ReferralDesk?) throws {
        let decision = Procedure.triage.decide(purpose)
        let visit = try Procedure.visit(purpose, platform: .eptsp)
        if let desk {
            guard case .refused(let referredTo, let reason) = decision else {
                Issue.record("\(purpose) should be refused")
                return
            }
            #expect(referredTo == desk && !reason.isEmpty)
            #expect(visit.decision == .refused && visit.status == .refused && visit.referredTo == desk)
            #expect(visit.refusalReason == reason && visit.queueNumber == nil)
            #expect(reason.contains(Procedure.profile.label(of: desk)))
        } else {
            #expect(decision == .routedToKlipso && purpose.isOnlineRegistration)
            #expect(visit.decision == .routedToKlipso && visit.status == .waiting)
            #expect(visit.referredTo == nil && visit.refusalReason == nil)
        }
    }

    @Test func wordingComesFromTheOfficeProfile() throws {
        let profile = try OfficeProfile(officeName: "DPMPTSP Kota Contoh", regency: "Kota Contoh",
                                        timeZone: try #require(OfficeTimeZone(identifier: "Asia/Makassar")),
                                        queuePrefix: "KL",
                                        deskLabels: [.frontOfficeCounter: "loket depan", .complaintsDesk: "meja pengaduan"],
                                        refusalReasons: [.complaint: "Silakan ke meja pengaduan."])
        let triage = Triage(profile: profile)
        #expect(triage.decide(.complaint) == .refused(referredTo: .complaintsDesk, reason: "Silakan ke meja pengaduan."))
        guard case .refused(_, let reason) = triage.decide(.statusInquiry) else {
            Issue.record("status inquiries are refused")
            return
        }
        #expect(reason.contains("loket depan") && reason.contains("status inquiry"))
        #expect(!reason.contains("Ogan"))
    }

    @Test func queuePrefixesAreCapitalLetters() {
        for bad in ["", "k", "K1", "ABCDEFGHI", "K-"] {
            #expect(throws: ValidationError.self) {
                try OfficeProfile(officeName: "x", regency: "y", timeZone: .jakarta, queuePrefix: bad)
            }
        }
        #expect(OfficeProfile.default.queuePrefix == "K")
        #expect(OfficeProfile.default.timeZone.identifier == "Asia/Jakarta")
    }

    @Test func onlineRegistrationNeedsAPlatformAndNotesAreBounded() {
        for purpose in VisitPurpose.allCases {
            let codes = fieldCodes {
                _ = try Visit.arrive(id: VisitID(rawValue: "v"), applicantID: Procedure.applicant, purpose: purpose,
                                     platform: nil, notes: nil, triage: Procedure.triage, at: Procedure.morning)
            }
            #expect(codes == (purpose.isOnlineRegistration ? ["platform.required"] : []))
        }
        let codes = fieldCodes {
            _ = try Visit.arrive(id: VisitID(rawValue: "v"), applicantID: Procedure.applicant, purpose: .complaint,
                                 platform: nil, notes: String(repeating: "a", count: 2001), triage: Procedure.triage,
                                 at: Procedure.morning)
        }
        #expect(codes == ["notes.too_long"])
    }

    @Test func unknownContractValuesNameTheAllowedOnes() throws {
        do {
            _ = try VisitPurpose.parse("tax", field: "purpose")
            Issue.record("parsed an unknown purpose")
        } catch {
            #expect(error.codes == ["purpose.unknown"])
            #expect(error.fieldErrors.first?.message.contains("online_registration_information") == true)
        }
        #expect(try Platform.parse("eptsp", field: "platform") == .eptsp)
    }
}
