import Domain
import Web

/// The wire form of consultation sessions (openapi `Session`), and the reading of the
/// `PATCH` and `complete` bodies into the domain's validated values.
enum SessionPayloads {
    static let patchFields: Set<String> = ["topics", "notes", "requirements"]
    static let completeFields: Set<String> = ["outcome", "next_step", "missing_requirements"]

    static func write(_ session: ConsultationSession, _ services: APIServices, to writer: inout JSONWriter) {
        let format = services.timestamps.format
        writer.beginObject()
        writer.field("id", session.id.rawValue)
        writer.field("visit_id", session.visitID.rawValue)
        writer.field("officer_id", session.officerID.rawValue)
        writer.field("applicant_id", session.applicantID.rawValue)
        writer.field("platform", session.platform.rawValue)
        writer.field("status", session.status.rawValue)
        writer.field("started_at", format(session.startedAt))
        writer.field("completed_at", session.completedAt.map(format))
        writer.field("topics", strings: session.topics.map(\.rawValue))
        writer.field("notes", session.notes)
        writer.key("requirements")
        writer.beginArray()
        for requirement in session.requirements {
            writer.beginObject()
            writer.field("name", requirement.name)
            writer.field("fulfilled", requirement.fulfilled)
            writer.endObject()
        }
        writer.endArray()
        writer.field("outcome", session.outcome?.rawValue)
        writer.field("next_step", session.nextStep?.rawValue)
        writer.field("missing_requirements", strings: session.missingRequirements)
        writer.field("version", session.version)
        writer.field("created_at", format(session.createdAt))
        writer.field("updated_at", format(session.updatedAt))
        writer.endObject()
    }

    /// The changes of a merge-patch body; every problem is collected in `body`.
    static func changes(_ body: inout BodyReader) -> SessionChanges? {
        if body.members.isEmpty { body.fail("body", "must change at least one of topics, notes, requirements") }
        let topics = body.stringArray("topics").map { names in
            names.enumerated().compactMap { index, name in
                body.collect { () throws(ValidationError) in try SessionTopic.parse(name, field: "topics[\(index)]") }
            }
        }
        let notes: PatchField<String> = switch body.nullableString("notes") {
        case .absent: .unchanged
        case .null: .clear
        case .value(let text): .set(text)
        }
        let requirements = self.requirements(&body)
        guard body.problems.isEmpty else { return nil }
        return body.collect { () throws(ValidationError) in
            try SessionChanges.validated(topics: topics, notes: notes, requirements: requirements)
        }
    }

    /// `requirements: [{name, fulfilled}]`, each object with exactly those members.
    private static func requirements(_ body: inout BodyReader) -> [Requirement]? {
        guard let value = body.members["requirements"] else { return nil }
        guard case .array(let items) = value else {
            body.fail("requirements", "must be an array of {name, fulfilled} objects")
            return nil
        }
        var requirements: [Requirement] = []
        for (index, item) in items.enumerated() {
            let path = "requirements[\(index)]"
            guard case .object(let members) = item else {
                body.fail(path, "must be an object with name and fulfilled")
                continue
            }
            for name in members.keys.sorted() where name != "name" && name != "fulfilled" {
                body.fail("\(path).\(name)", "is not a known field")
            }
            guard case .string(let name)? = members["name"] else {
                body.fail("\(path).name", "is required and must be a string")
                continue
            }
            guard case .bool(let fulfilled)? = members["fulfilled"] else {
                body.fail("\(path).fulfilled", "is required and must be a boolean")
                continue
            }
            requirements.append(Requirement(name: name, fulfilled: fulfilled))
        }
        return requirements
    }

    /// The completion of a `complete` body, checked against the contract's outcome table.
    static func completion(_ body: inout BodyReader) -> SessionCompletion? {
        let outcome = body.string("outcome").flatMap { text in
            body.collect { () throws(ValidationError) in try SessionOutcome.parse(text, field: "outcome") }
        }
        var nextStep: NextStep?
        if case .value(let text) = body.nullableString("next_step") {
            nextStep = body.collect { () throws(ValidationError) in try NextStep.parse(text, field: "next_step") }
        }
        let missing = body.stringArray("missing_requirements")
        guard let outcome, body.problems.isEmpty else { return nil }
        return body.collect { () throws(ValidationError) in
            try SessionCompletion.validated(outcome: outcome, nextStep: nextStep, missingRequirements: missing)
        }
    }
}
