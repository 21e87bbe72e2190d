import Foundation

/// A *pemohon*: a person, or a business through its representative, who comes for help.
///
/// Why it exists: visits and sessions refer to the applicant; the NIK identifies the person
/// and is unique across applicants (enforced by storage through a keyed lookup hash). The NIK
/// is personal data: it is kept as a ``NIK`` (masked when printed) and stored encrypted.
/// Build new values with ``validated(id:_:today:at:)`` and change them with
/// ``patched(_:today:at:)``, which apply every rule and report all field problems at once.
public struct Applicant: Sendable, Hashable, Identifiable {
    /// Whether the applicant is a person or a business. (Nested: `ApplicantKind` names the id tag.)
    public enum Kind: String, ContractValue {
        case individual
        case business
    }

    public static let maxNameLength = 200
    public static let maxAddressLength = 500

    public let id: ApplicantID
    public let kind: Kind
    /// The person's full name (for a business, its representative).
    public let name: String
    /// Required for individuals; the representative's for businesses.
    public let nik: NIK?
    public let phone: PhoneNumber?
    public let email: String?
    /// Set exactly for businesses.
    public let businessName: String?
    public let nib: NIB?
    public let address: String?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    /// Reassembles a stored applicant without checking rules.
    public init(id: ApplicantID, kind: Kind, name: String, nik: NIK?, phone: PhoneNumber?, email: String?,
                businessName: String?, nib: NIB?, address: String?, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.kind = kind
        self.name = name
        self.nik = nik
        self.phone = phone
        self.email = email
        self.businessName = businessName
        self.nib = nib
        self.address = address
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A new applicant from client input (version 1). `today` is the office-local day, against
    /// which the NIK's two-digit birth year is resolved.
    public static func validated(id: ApplicantID, _ form: ApplicantForm, today: LocalDate,
                                 at now: Date) throws(ValidationError) -> Applicant {
        var problems = ValidationError()
        let parts = ApplicantParts(
            name: problems.collect { () throws(ValidationError) in
                try BoundedText.validate(form.name, field: "name", maxLength: maxNameLength)
            },
            nik: form.nik.flatMap { text in problems.collect { () throws(ValidationError) in try NIK(text, referenceDate: today) } },
            phone: form.phone.flatMap { text in problems.collect { () throws(ValidationError) in try PhoneNumber(text) } },
            email: form.email.flatMap { text in problems.collect { () throws(ValidationError) in try EmailAddress.validate(text) } },
            businessName: problems.collect { () throws(ValidationError) in
                try OptionalText.validate(form.businessName, field: "business_name", maxLength: maxNameLength)
            } ?? nil,
            nib: form.nib.flatMap { text in problems.collect { () throws(ValidationError) in try NIB(text) } },
            address: problems.collect { () throws(ValidationError) in
                try OptionalText.validate(form.address, field: "address", maxLength: maxAddressLength, allowLineBreaks: true)
            } ?? nil)
        parts.checkKindRules(form.kind, into: &problems)
        try problems.throwIfAny()
        return parts.applicant(id: id, kind: form.kind, version: 1, createdAt: now, updatedAt: now)
    }

    /// This applicant with a merge patch applied and every rule checked again (`kind` never
    /// changes); bumps `version`. Fields left unchanged are not re-validated.
    public func patched(_ patch: ApplicantPatch, today: LocalDate, at now: Date) throws(ValidationError) -> Applicant {
        var problems = ValidationError()
        func field<T>(_ change: PatchField<String>, _ current: T?,
                      _ parse: (String) throws(ValidationError) -> T?) -> T? {
            switch change {
            case .unchanged: return current
            case .clear: return nil
            case .set(let text): return problems.collect { () throws(ValidationError) in try parse(text) } ?? nil
            }
        }
        var name = self.name
        if case .set(let text) = patch.name {
            name = problems.collect { () throws(ValidationError) in
                try BoundedText.validate(text, field: "name", maxLength: Self.maxNameLength)
            } ?? name
        } else if case .clear = patch.name {
            problems.add(field: "name", code: "name.required", message: "must not be null")
        }
        let parts = ApplicantParts(
            name: name,
            nik: field(patch.nik, nik) { text throws(ValidationError) in try NIK(text, referenceDate: today) },
            phone: field(patch.phone, phone) { text throws(ValidationError) in try PhoneNumber(text) },
            email: field(patch.email, email) { text throws(ValidationError) in try EmailAddress.validate(text) },
            businessName: field(patch.businessName, businessName) { text throws(ValidationError) in
                try OptionalText.validate(text, field: "business_name", maxLength: Self.maxNameLength)
            },
            nib: field(patch.nib, nib) { text throws(ValidationError) in try NIB(text) },
            address: field(patch.address, address) { text throws(ValidationError) in
                try OptionalText.validate(text, field: "address", maxLength: Self.maxAddressLength, allowLineBreaks: true)
            })
        parts.checkKindRules(kind, into: &problems)
        try problems.throwIfAny()
        return parts.applicant(id: id, kind: kind, version: version + 1, createdAt: createdAt, updatedAt: now)
    }
}

/// The fields of `POST /v1/applicants` as the client sent them (nil for absent or `null`).
public struct ApplicantForm: Sendable, Hashable {
    public var kind: Applicant.Kind
    public var name: String
    public var nik: String?
    public var phone: String?
    public var email: String?
    public var businessName: String?
    public var nib: String?
    public var address: String?

    public init(kind: Applicant.Kind, name: String, nik: String? = nil, phone: String? = nil, email: String? = nil,
                businessName: String? = nil, nib: String? = nil, address: String? = nil) {
        self.kind = kind
        self.name = name
        self.nik = nik
        self.phone = phone
        self.email = email
        self.businessName = businessName
        self.nib = nib
        self.address = address
    }
}

/// The fields of `PATCH /v1/applicants/{id}` (merge patch; `kind` cannot change).
public struct ApplicantPatch: Sendable, Hashable {
    public var name: PatchField<String> = .unchanged
    public var nik: PatchField<String> = .unchanged
    public var phone: PatchField<String> = .unchanged
    public var email: PatchField<String> = .unchanged
    public var businessName: PatchField<String> = .unchanged
    public var nib: PatchField<String> = .unchanged
    public var address: PatchField<String> = .unchanged

    public init() {}
}

/// Validated field values on their way to an ``Applicant``; holds the cross-field rules.
private struct ApplicantParts {
    var name: String?
    var nik: NIK?
    var phone: PhoneNumber?
    var email: String?
    var businessName: String?
    var nib: NIB?
    var address: String?

    /// Individuals need a NIK and have no business fields; businesses need a business name.
    func checkKindRules(_ kind: Applicant.Kind, into problems: inout ValidationError) {
        switch kind {
        case .individual:
            if nik == nil && !problems.fieldErrors.contains(where: { $0.field == "nik" }) {
                problems.add(field: "nik", code: "nik.required", message: "is required for an individual")
            }
            if businessName != nil {
                problems.add(field: "business_name", code: "business_name.not_allowed",
                             message: "must be null for an individual")
            }
            if nib != nil {
                problems.add(field: "nib", code: "nib.not_allowed", message: "must be null for an individual")
            }
        case .business:
            if businessName == nil && !problems.fieldErrors.contains(where: { $0.field == "business_name" }) {
                problems.add(field: "business_name", code: "business_name.required", message: "is required for a business")
            }
        }
    }

    func applicant(id: ApplicantID, kind: Applicant.Kind, version: Int, createdAt: Date, updatedAt: Date) -> Applicant {
        guard let name else { preconditionFailure("applicant name checked before") }
        return Applicant(id: id, kind: kind, name: name, nik: nik, phone: phone, email: email, businessName: businessName,
                         nib: nib, address: address, version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}
