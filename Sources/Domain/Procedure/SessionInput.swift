/// A validated `PATCH /v1/sessions/{id}` (merge patch: arrays replace whole).
///
/// Why it exists: input rules (unique topics, notes length, checklist size and unique names)
/// are checked once, when the value is made, so applying it can only fail on state.
public struct SessionChanges: Sendable, Hashable {
    public static let maxNotesLength = 4000

    public let topics: [SessionTopic]?
    public let notes: PatchField<String>
    public let requirements: [Requirement]?

    public static func validated(topics: [SessionTopic]? = nil, notes: PatchField<String> = .unchanged,
                                 requirements: [Requirement]? = nil) throws(ValidationError) -> SessionChanges {
        var problems = ValidationError()
        if let topics, Set(topics).count != topics.count {
            problems.add(field: "topics", code: "topics.duplicate", message: "must not repeat a topic")
        }
        var cleanNotes = notes
        if case .set(let text) = notes {
            let checked = problems.collect { () throws(ValidationError) in
                try OptionalText.validate(text, field: "notes", maxLength: maxNotesLength, allowLineBreaks: true)
            }
            cleanNotes = (checked ?? nil).map { .set($0) } ?? .clear
        }
        var cleanRequirements: [Requirement]?
        if let requirements {
            let names = problems.collect { () throws(ValidationError) in
                try UniqueNames.validate(requirements.map(\.name), field: "requirements", suffix: ".name",
                                         maxCount: Requirement.maxCount, maxLength: Requirement.maxNameLength)
            }
            cleanRequirements = names.map { zip($0, requirements).map { Requirement(name: $0, fulfilled: $1.fulfilled) } }
        }
        try problems.throwIfAny()
        return SessionChanges(topics: topics, notes: cleanNotes, requirements: cleanRequirements)
    }

    private init(topics: [SessionTopic]?, notes: PatchField<String>, requirements: [Requirement]?) {
        self.topics = topics
        self.notes = notes
        self.requirements = requirements
    }
}

/// A validated `POST /v1/sessions/{id}/complete`, following the contract's outcome table.
///
/// Why it exists: `next_step` must fit the outcome; `missing_requirements` is required and
/// non-empty for `requirements_incomplete`, empty for `requirements_complete` and `referred`,
/// optional for `applicant_left` (whose `next_step` must be null).
public struct SessionCompletion: Sendable, Hashable {
    public let outcome: SessionOutcome
    public let nextStep: NextStep?
    public let missingRequirements: [String]

    public static func validated(outcome: SessionOutcome, nextStep: NextStep?,
                                 missingRequirements: [String]?) throws(ValidationError) -> SessionCompletion {
        var problems = ValidationError()
        let allowed = outcome.allowedNextSteps
        switch nextStep {
        case nil where !allowed.isEmpty:
            problems.add(field: "next_step", code: "next_step.required",
                         message: "is required for \(outcome.rawValue): one of \(allowed.map(\.rawValue).joined(separator: ", "))")
        case let step? where !allowed.contains(step):
            let expected = allowed.isEmpty ? "must be null" : "must be one of \(allowed.map(\.rawValue).joined(separator: ", "))"
            problems.add(field: "next_step", code: "next_step.mismatch", message: "\(expected) for \(outcome.rawValue)")
        default:
            break
        }
        let missing = problems.collect { () throws(ValidationError) in
            try UniqueNames.validate(missingRequirements ?? [], field: "missing_requirements", suffix: "",
                                     maxCount: Requirement.maxCount, maxLength: Requirement.maxNameLength)
        } ?? []
        switch outcome {
        case .requirementsIncomplete where missing.isEmpty && !problems.fieldErrors.contains(where: { $0.field.hasPrefix("missing_requirements") }):
            problems.add(field: "missing_requirements", code: "missing_requirements.required",
                         message: "must list what is missing for requirements_incomplete")
        case .requirementsComplete, .referred:
            if !missing.isEmpty {
                problems.add(field: "missing_requirements", code: "missing_requirements.not_allowed",
                             message: "must be empty for \(outcome.rawValue)")
            }
        default:
            break
        }
        try problems.throwIfAny()
        return SessionCompletion(outcome: outcome, nextStep: nextStep, missingRequirements: missing)
    }

    private init(outcome: SessionOutcome, nextStep: NextStep?, missingRequirements: [String]) {
        self.outcome = outcome
        self.nextStep = nextStep
        self.missingRequirements = missingRequirements
    }
}

/// A list of short names (checklist lines, missing requirements): each 1–200 characters,
/// unique, at most 50; errors name the index (`requirements[2].name`).
enum UniqueNames {
    static func validate(_ names: [String], field: String, suffix: String, maxCount: Int,
                         maxLength: Int) throws(ValidationError) -> [String] {
        var problems = ValidationError()
        if names.count > maxCount {
            throw ValidationError(field: field, code: "\(field).too_many", message: "must have at most \(maxCount) items")
        }
        var seen = Set<String>()
        var clean: [String] = []
        for (index, name) in names.enumerated() {
            let path = "\(field)[\(index)]\(suffix)"
            guard let text = problems.collect({ () throws(ValidationError) in
                try BoundedText.validate(name, field: path, maxLength: maxLength)
            }) else { continue }
            if !seen.insert(text).inserted {
                problems.add(field: path, code: "\(field).duplicate", message: "must not repeat \"\(text)\"")
            }
            clean.append(text)
        }
        try problems.throwIfAny()
        return clean
    }
}
