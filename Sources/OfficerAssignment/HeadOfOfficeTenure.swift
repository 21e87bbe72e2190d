import Domain

/// A period during which one staff member is head of office, in a stated capacity, by decree.
///
/// Being head of office is not a role flag: it is whoever holds the tenure covering the
/// office-local day in question. Tenures never overlap, so for any day there is at most one
/// head. Both ends are inclusive whole days; `endsOn == nil` means open-ended (until a later
/// record closes it), which overlaps every later tenure.
public struct HeadOfOfficeTenure: Sendable, Hashable, Identifiable {
    public let id: TenureID
    public let staffID: StaffID
    public let capacity: TenureCapacity
    public let decreeNumber: DecreeNumber
    public let startsOn: LocalDate
    public var endsOn: LocalDate?
    public var version: Int

    public init(id: TenureID, staffID: StaffID, capacity: TenureCapacity, decreeNumber: DecreeNumber,
                startsOn: LocalDate, endsOn: LocalDate?, version: Int = 1) {
        self.id = id
        self.staffID = staffID
        self.capacity = capacity
        self.decreeNumber = decreeNumber
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.version = version
    }

    /// Whether the tenure includes the whole of `date`.
    public func covers(_ date: LocalDate) -> Bool {
        startsOn <= date && endsOn.map { date <= $0 } ?? true
    }

    /// Whether the two periods share at least one day. Adjacent periods (one ends the day
    /// before the other starts) do not overlap.
    public func overlaps(startsOn otherStart: LocalDate, endsOn otherEnd: LocalDate?) -> Bool {
        let thisStartsInTime = otherEnd.map { startsOn <= $0 } ?? true
        let otherStartsInTime = endsOn.map { otherStart <= $0 } ?? true
        return thisStartsInTime && otherStartsInTime
    }

    /// The non-personal fields the audit trail keeps.
    var auditFields: [String: String] {
        var fields = ["staff_id": staffID.rawValue, "capacity": capacity.rawValue,
                      "decree_number": decreeNumber.text, "starts_on": startsOn.iso8601,
                      "version": String(version)]
        fields["ends_on"] = endsOn?.iso8601
        return fields
    }
}

/// What an administrator submits to record a tenure; validated by `OfficerAssignmentService`.
public struct TenureRequest: Sendable, Hashable {
    public var staffID: StaffID
    public var capacity: TenureCapacity
    public var decreeNumber: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate?

    public init(staffID: StaffID, capacity: TenureCapacity, decreeNumber: String,
                startsOn: LocalDate, endsOn: LocalDate? = nil) {
        self.staffID = staffID
        self.capacity = capacity
        self.decreeNumber = decreeNumber
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}
