import Domain
import Foundation
import OfficerAssignment
import Storage
import Testing

/// An office in a real store: staff in every position and the current head's tenure
/// (Plt., 2026-07-01 … 2026-12-31) recorded through the real service, with the clock at
/// 2026-12-03 10:00 WIB.
struct OfficeFixture {
    let store: KlipsoStore
    let wallClock = ManualWallClock(instant("2026-12-03T10:00:00+07:00"))
    let service: OfficerAssignmentService
    let admin: Staff
    let head: Staff
    let officer: Staff
    let otherOfficer: Staff
    let frontOffice: Staff
    let currentTenure: HeadOfOfficeTenure

    init(_ store: KlipsoStore) throws {
        self.store = store
        service = OfficerAssignmentService(clock: OfficeClock(zone: .jakarta, wallClock: wallClock),
                                           ids: TimeOrderedIdentifierGenerator(clock: wallClock))
        admin = try insertStaff(store, try makeStaff("admin", roles: [.admin]))
        head = try insertStaff(store, try makeStaff("kepala"))
        officer = try insertStaff(store, try makeStaff("petugas.satu"))
        otherOfficer = try insertStaff(store, try makeStaff("petugas.dua"))
        frontOffice = try insertStaff(store, try makeStaff("front.office", roles: [.frontOffice]))
        let request = TenureRequest(staffID: head.id, capacity: .plt, decreeNumber: "821/7/KPTS/2026",
                                    startsOn: day("2026-07-01"), endsOn: day("2026-12-31"))
        let admin = self.admin
        let service = self.service
        currentTenure = try store.write(requestID: "req-tenure", actor: .staff(admin.id)) { writer in
            let change = try service.recordTenure(by: admin.id, request, in: writer)
            try writer.record(change.audit)
            return change.value
        }
    }

    func request(_ officer: Staff, decreeDate: String = "2026-12-01", from: String = "2026-12-01",
                 until: String? = "2026-12-31") -> AppointmentRequest {
        AppointmentRequest(officerID: officer.id, decreeNumber: "800/123/KPTS/DPMPTSP/2026", decreeDate: day(decreeDate),
                           effectiveFrom: day(from), effectiveUntil: until.map(day))
    }

    /// Appoints through the service on a real writer and records the audit event, as a handler would.
    @discardableResult
    func appoint(by actor: Staff? = nil, _ request: AppointmentRequest) throws -> Assignment {
        let actorID = (actor ?? head).id
        let service = self.service
        return try store.write(requestID: "req-appoint", actor: .staff(actorID)) { writer in
            let change = try service.appoint(by: actorID, request, in: writer)
            try writer.record(change.audit)
            return change.value
        }
    }

    @discardableResult
    func revoke(_ id: AssignmentID, by actor: Staff? = nil) throws -> Assignment {
        let actorID = (actor ?? head).id
        let service = self.service
        return try store.write(requestID: "req-revoke", actor: .staff(actorID)) { writer in
            let change = try service.revoke(by: actorID, assignmentID: id, reason: "moved", in: writer)
            try writer.record(change.audit)
            return change.value
        }
    }

    @discardableResult
    func recordTenure(_ request: TenureRequest) throws -> HeadOfOfficeTenure {
        let admin = self.admin
        let service = self.service
        return try store.write(requestID: "req-tenure", actor: .staff(admin.id)) { writer in
            let change = try service.recordTenure(by: admin.id, request, in: writer)
            try writer.record(change.audit)
            return change.value
        }
    }

    func auditCount() throws -> Int { try store.read { try $0.audit.count() } }
}

/// The `OfficerAssignmentError` thrown by `body`, or nil (recording an issue).
func officerError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> OfficerAssignmentError? {
    do {
        _ = try body()
        Issue.record("expected an OfficerAssignmentError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as OfficerAssignmentError {
        return error
    } catch {
        Issue.record("expected an OfficerAssignmentError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
