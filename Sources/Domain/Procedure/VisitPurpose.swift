/// Why an applicant came to the front office: the contract's eight purposes.
///
/// Why it exists: the purpose alone decides triage (procedure steps 2 and 3), so it is a closed
/// set rather than free text; reports count every purpose.
public enum VisitPurpose: String, ContractValue {
    case onlineRegistrationInformation = "online_registration_information"
    case onlineRegistrationEducation = "online_registration_education"
    case onlineRegistrationAssistance = "online_registration_assistance"
    case applicationSubmission = "application_submission"
    case commitmentFulfilment = "commitment_fulfilment"
    case statusInquiry = "status_inquiry"
    case complaint
    case other

    /// The three purposes KLIPSO serves: information, education and assistance with
    /// registering online. Only these are routed to KLIPSO, and they require a `platform`.
    public var isOnlineRegistration: Bool {
        switch self {
        case .onlineRegistrationInformation, .onlineRegistrationEducation, .onlineRegistrationAssistance: true
        default: false
        }
    }
}

/// The online system a visit is about.
///
/// Why it exists: KLIPSO helps with exactly two systems — the national OSS (which issues the
/// NIB) and the regency's e-PTSP — and reports split sessions by them.
public enum Platform: String, ContractValue {
    case oss
    case eptsp
}

/// A desk a refused visit is sent to instead of KLIPSO.
///
/// Why it exists: the contract fixes the identifiers (`referred_to`); what each desk is called
/// in a given office is configuration (`OfficeProfile.deskLabels`).
public enum ReferralDesk: String, ContractValue {
    case frontOfficeCounter = "front_office_counter"
    case complaintsDesk = "complaints_desk"
}
