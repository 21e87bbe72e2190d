/// What a consultation covered; the contract's closed list.
public enum SessionTopic: String, ContractValue {
    case ossAccount = "oss_account"
    case eptspAccount = "eptsp_account"
    case nibRegistration = "nib_registration"
    case businessClassification = "business_classification"
    case riskBasedLicence = "risk_based_licence"
    case documentUpload = "document_upload"
    case commitmentFulfilment = "commitment_fulfilment"
    case statusTracking = "status_tracking"
    case other
}

/// How a consultation ended (procedure steps 5 and 6).
///
/// Why it exists: each outcome allows only certain next steps; ``allowedNextSteps`` is the
/// contract's table in one place.
public enum SessionOutcome: String, ContractValue {
    case requirementsComplete = "requirements_complete"
    case requirementsIncomplete = "requirements_incomplete"
    case referred
    case applicantLeft = "applicant_left"

    /// The next steps this outcome allows; empty means `next_step` must be null.
    public var allowedNextSteps: [NextStep] {
        switch self {
        case .requirementsComplete: [.continueOnlineRegistration, .frontOfficeCommitmentFulfilment]
        case .requirementsIncomplete: [.returnWithRequirements]
        case .referred: [.frontOfficeCounter, .complaintsDesk]
        case .applicantLeft: []
        }
    }
}

/// Where the applicant goes after the consultation.
public enum NextStep: String, ContractValue {
    case continueOnlineRegistration = "continue_online_registration"
    case frontOfficeCommitmentFulfilment = "front_office_commitment_fulfilment"
    case returnWithRequirements = "return_with_requirements"
    case frontOfficeCounter = "front_office_counter"
    case complaintsDesk = "complaints_desk"
}

/// Whether a session is still open.
public enum SessionStatus: String, ContractValue {
    case inProgress = "in_progress"
    case completed
}

/// One line of the requirement checklist the online application shows (e.g. `NPWP`).
public struct Requirement: Sendable, Hashable, Codable {
    public static let maxNameLength = 200
    public static let maxCount = 50

    public let name: String
    public let fulfilled: Bool

    public init(name: String, fulfilled: Bool) {
        self.name = name
        self.fulfilled = fulfilled
    }
}
