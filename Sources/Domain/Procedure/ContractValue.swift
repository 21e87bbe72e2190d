/// A closed set of string values the API contract fixes (`purpose`, `platform`, `outcome`, …).
///
/// Why it exists: every such enum is read from client text the same way — an unknown value is
/// a 422 field error listing what is allowed — and written back as its `rawValue`. One
/// protocol keeps the message and reason code identical for all of them.
public protocol ContractValue: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension ContractValue {
    /// The value named by `text`, or a field error (`<field>.unknown`) listing the allowed ones.
    public static func parse(_ text: String, field: String) throws(ValidationError) -> Self {
        guard let value = Self(rawValue: text) else {
            let allowed = allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError(field: field, code: "\(field).unknown", message: "must be one of: \(allowed)")
        }
        return value
    }
}
