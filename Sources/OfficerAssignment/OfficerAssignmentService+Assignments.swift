import Domain
import Foundation

extension OfficerAssignmentService {
    /// Appoints a KLIPSO officer by decree of the current head of office.
    ///
    /// Refused with `notHeadOfOffice` unless `actor` holds the tenure covering today (office
    /// zone). Then, as `validationFailed` field errors, all reported together:
    /// - `decree_number`: trimmed, non-empty, at most 200 characters;
    /// - `decree_date`: within the signer's current tenure and not after today;
    /// - `effective_from`: not before the decree date (a decree cannot take effect before it
    ///   was made);
    /// - `effective_until`: not before `effective_from` (both days are included);
    /// - `officer_id`: an active staff member, and not the signer — a head appointing
    ///   themselves is a conflict of interest (art. 6 d); it is reported as a validation error
    ///   on `officer_id` (422), since the same head may lawfully appoint anyone else.
    /// Finally `assignmentOverlap` (409) if the officer already has a non-revoked assignment
    /// sharing a day with the new period. The signer's capacity is recorded on the assignment.
    public func appoint(by actor: StaffID, _ request: AppointmentRequest,
                        in tx: some OfficerAssignmentTransaction) throws -> AuditedChange<Assignment> {
        let (moment, tenure) = try requireHeadOfOffice(actor, toDo: "appoint KLIPSO officers", in: tx)
        var problems = ValidationError()
        let decree = problems.collect { () throws(ValidationError) in try DecreeNumber(request.decreeNumber) }
        if !tenure.covers(request.decreeDate) {
            problems.add(field: "decree_date", code: "decree_date.outside_tenure",
                         message: "must fall within the signer's tenure as head of office")
        } else if request.decreeDate > moment.today {
            problems.add(field: "decree_date", code: "decree_date.in_future", message: "must not be after today")
        }
        if request.effectiveFrom < request.decreeDate {
            problems.add(field: "effective_from", code: "effective_from.before_decree_date",
                         message: "must not be before decree_date")
        }
        if let until = request.effectiveUntil, until < request.effectiveFrom {
            problems.add(field: "effective_until", code: "effective_until.before_effective_from",
                         message: "must not be before effective_from")
        }
        if request.officerID == actor {
            problems.add(field: "officer_id", code: "officer_id.conflict_of_interest",
                         message: "the head of office may not appoint themselves (conflict of interest)")
        } else {
            try checkActiveStaff(request.officerID, field: "officer_id", in: tx, into: &problems)
        }
        guard problems.isEmpty, let decree else { throw OfficerAssignmentError.validation(problems) }

        let clash = try tx.assignments(forOfficer: request.officerID).filter {
            $0.revocation == nil && $0.overlaps(from: request.effectiveFrom, until: request.effectiveUntil)
        }.min { $0.effectiveFrom < $1.effectiveFrom }
        if let clash {
            var error = OfficerAssignmentError(
                code: .assignmentOverlap,
                message: "the officer already has assignment \(clash.id) for some of these days")
            error.conflictingAssignmentID = clash.id
            error.currentStatus = clash.status(at: moment.instant, in: clock.zone)
            throw error
        }

        let assignment = Assignment(
            id: ids.next(), officerID: request.officerID, decreeNumber: decree, decreeDate: request.decreeDate,
            effectiveFrom: request.effectiveFrom, effectiveUntil: request.effectiveUntil, signedBy: actor,
            signedCapacity: tenure.capacity, signedUnderTenure: tenure.id, createdAt: moment.instant)
        try tx.insertAssignment(assignment)
        let status = assignment.status(at: moment.instant, in: clock.zone)
        return AuditedChange(value: assignment, audit: AuditSummary(
            action: .assignmentCreated, resourceType: Self.assignmentResourceType,
            resourceID: assignment.id.rawValue, actorID: actor, occurredAt: moment.instant,
            before: nil, after: assignment.auditFields(status: status)))
    }

    /// Revokes an assignment at once. Only the current head of office (`notHeadOfOffice`
    /// otherwise), who need not be the signer. A `reason` is required (field `reason`, at most
    /// 1000 characters). Revoking one already revoked or expired is `wrongState` (409) with
    /// `currentStatus`; a scheduled or active one may be revoked. `expectedVersion` (from
    /// `If-Match`) guards against lost updates.
    public func revoke(by actor: StaffID, assignmentID: AssignmentID, reason: String, expectedVersion: Int? = nil,
                       in tx: some OfficerAssignmentTransaction) throws -> AuditedChange<Assignment> {
        let (moment, tenure) = try requireHeadOfOffice(actor, toDo: "revoke KLIPSO assignments", in: tx)
        guard let before = try tx.assignment(id: assignmentID) else {
            throw OfficerAssignmentError(code: .notFound, message: "no assignment \(assignmentID)")
        }
        if let expectedVersion, expectedVersion != before.version {
            throw OfficerAssignmentError.versionMismatch(expected: expectedVersion, current: before.version)
        }
        let statusBefore = before.status(at: moment.instant, in: clock.zone)
        guard statusBefore == .active || statusBefore == .scheduled else {
            var error = OfficerAssignmentError(code: .wrongState,
                                               message: "the assignment is already \(statusBefore.rawValue)")
            error.currentStatus = statusBefore
            throw error
        }
        let checkedReason: String
        do {
            checkedReason = try BoundedText.validate(reason, field: "reason", maxLength: Revocation.maxReasonLength,
                                                     allowLineBreaks: true)
        } catch {
            throw OfficerAssignmentError.validation(error)
        }

        var after = before
        after.revocation = Revocation(revokedAt: moment.instant, revokedBy: actor,
                                      revokedInCapacity: tenure.capacity, reason: checkedReason)
        after.version += 1
        guard try tx.updateAssignment(after, expectedVersion: before.version) else {
            throw OfficerAssignmentError.versionMismatch(expected: before.version, current: before.version + 1)
        }
        return AuditedChange(value: after, audit: AuditSummary(
            action: .assignmentRevoked, resourceType: Self.assignmentResourceType, resourceID: assignmentID.rawValue,
            actorID: actor, occurredAt: moment.instant, before: before.auditFields(status: statusBefore),
            after: after.auditFields(status: .revoked)))
    }
}
