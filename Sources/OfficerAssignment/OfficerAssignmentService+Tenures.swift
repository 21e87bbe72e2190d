import Domain
import Foundation

extension OfficerAssignmentService {
    /// Records a head-of-office tenure. Admin only; the head must be an active staff member;
    /// the period must not overlap any recorded tenure (`tenureOverlap`, naming it).
    public func recordTenure(by actor: StaffID, _ request: TenureRequest,
                             in tx: some OfficerAssignmentTransaction) throws -> AuditedChange<HeadOfOfficeTenure> {
        try requireAdmin(actor, in: tx)
        let now = clock.now()
        var problems = ValidationError()
        let decree = problems.collect { () throws(ValidationError) in try DecreeNumber(request.decreeNumber) }
        checkPeriod(startsOn: request.startsOn, endsOn: request.endsOn, into: &problems)
        try checkActiveStaff(request.staffID, field: "staff_id", in: tx, into: &problems)
        guard problems.isEmpty, let decree else { throw OfficerAssignmentError.validation(problems) }

        try refuseOverlap(startsOn: request.startsOn, endsOn: request.endsOn, except: nil, in: tx)
        let tenure = HeadOfOfficeTenure(id: ids.next(), staffID: request.staffID, capacity: request.capacity,
                                        decreeNumber: decree, startsOn: request.startsOn, endsOn: request.endsOn)
        try tx.insertTenure(tenure)
        return AuditedChange(value: tenure, audit: AuditSummary(
            action: .tenureRecorded, resourceType: Self.tenureResourceType, resourceID: tenure.id.rawValue,
            actorID: actor, occurredAt: now, before: nil, after: tenure.auditFields))
    }

    /// Sets (or clears) the last day of a tenure — typically closing an open-ended tenure
    /// when the next head is appointed. Admin only; same period and overlap rules as
    /// `recordTenure`; `expectedVersion` (from `If-Match`) guards against lost updates.
    public func setTenureEnd(by actor: StaffID, tenureID: TenureID, endsOn: LocalDate?, expectedVersion: Int?,
                             in tx: some OfficerAssignmentTransaction) throws -> AuditedChange<HeadOfOfficeTenure> {
        try requireAdmin(actor, in: tx)
        let now = clock.now()
        guard let before = try tx.tenure(id: tenureID) else {
            throw OfficerAssignmentError(code: .notFound, message: "no tenure \(tenureID)")
        }
        if let expectedVersion, expectedVersion != before.version {
            throw OfficerAssignmentError.versionMismatch(expected: expectedVersion, current: before.version)
        }
        var problems = ValidationError()
        checkPeriod(startsOn: before.startsOn, endsOn: endsOn, into: &problems)
        if !problems.isEmpty { throw OfficerAssignmentError.validation(problems) }
        try refuseOverlap(startsOn: before.startsOn, endsOn: endsOn, except: tenureID, in: tx)

        var after = before
        after.endsOn = endsOn
        after.version += 1
        guard try tx.updateTenure(after, expectedVersion: before.version) else {
            throw OfficerAssignmentError.versionMismatch(expected: before.version, current: before.version + 1)
        }
        return AuditedChange(value: after, audit: AuditSummary(
            action: .tenureUpdated, resourceType: Self.tenureResourceType, resourceID: tenureID.rawValue,
            actorID: actor, occurredAt: now, before: before.auditFields, after: after.auditFields))
    }

    private func requireAdmin(_ actor: StaffID, in tx: some OfficerAssignmentTransaction) throws {
        guard let staff = try tx.staff(id: actor), staff.mayAct(as: .admin) else {
            throw OfficerAssignmentError(code: .forbidden,
                                         message: "only an active administrator may change the head-of-office record")
        }
    }

    private func checkPeriod(startsOn: LocalDate, endsOn: LocalDate?, into problems: inout ValidationError) {
        if let endsOn, endsOn < startsOn {
            problems.add(field: "ends_on", code: "ends_on.before_starts_on", message: "must not be before starts_on")
        }
    }

    /// Throws `tenureOverlap` naming the earliest tenure (other than `except`) sharing a day.
    private func refuseOverlap(startsOn: LocalDate, endsOn: LocalDate?, except: TenureID?,
                               in tx: some OfficerAssignmentTransaction) throws {
        let overlapping = try tenures(in: tx).first {
            $0.id != except && $0.overlaps(startsOn: startsOn, endsOn: endsOn)
        }
        if let overlapping { throw OfficerAssignmentError.tenureOverlap(overlapping) }
    }
}
