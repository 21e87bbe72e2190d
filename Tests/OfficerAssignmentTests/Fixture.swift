import Domain
import Foundation
import OfficerAssignment
import Testing

func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(iso8601: text) else { preconditionFailure("bad test date \(text)") }
    return date
}

func instant(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else { preconditionFailure("bad test instant \(text)") }
    return date
}

/// A small office: staff in every position, three consecutive tenures, and a clock at
/// 2026-12-03 10:00 WIB, during the tenure of `head` (Plt.).
///
/// - `formerHead`: definitive, 2025-01-01 … 2026-06-30
/// - `head`: plt, 2026-07-01 … 2026-12-31
/// - `futureHead`: definitive, 2027-01-01 … open
struct Fixture {
    let store = InMemoryOfficerAssignmentStore()
    let wallClock = ManualWallClock(instant("2026-12-03T10:00:00+07:00"))
    let service: OfficerAssignmentService

    let admin = StaffID(rawValue: "admin")
    let frontOffice = StaffID(rawValue: "front-office")
    let reporting = StaffID(rawValue: "reporting")
    let officer = StaffID(rawValue: "officer")
    let otherOfficer = StaffID(rawValue: "other-officer")
    let inactiveOfficer = StaffID(rawValue: "inactive-officer")
    let formerHead = StaffID(rawValue: "former-head")
    let head = StaffID(rawValue: "head")
    let futureHead = StaffID(rawValue: "future-head")

    let formerTenure = TenureID(rawValue: "tenure-former")
    let currentTenure = TenureID(rawValue: "tenure-current")
    let futureTenure = TenureID(rawValue: "tenure-future")

    init(currentCapacity: TenureCapacity = .plt, withTenures: Bool = true) {
        service = OfficerAssignmentService(clock: OfficeClock(zone: .jakarta, wallClock: wallClock),
                                           ids: TimeOrderedIdentifierGenerator(clock: wallClock))
        let people: [(StaffID, Set<Role>, Bool)] = [
            (admin, [.admin], true), (frontOffice, [.frontOffice], true), (reporting, [.reporting], true),
            (officer, [], true), (otherOfficer, [], true), (inactiveOfficer, [], false),
            (formerHead, [], true), (head, [], true), (futureHead, [], true),
        ]
        for (id, roles, active) in people {
            store.put(Staff(id: id, nip: nil, name: "Staff \(id)", username: try! Username(id.rawValue),
                            roles: roles, isActive: active))
        }
        guard withTenures else { return }
        store.put(HeadOfOfficeTenure(id: formerTenure, staffID: formerHead, capacity: .definitive,
                                     decreeNumber: try! DecreeNumber("821/1/KPTS/2025"),
                                     startsOn: day("2025-01-01"), endsOn: day("2026-06-30")))
        store.put(HeadOfOfficeTenure(id: currentTenure, staffID: head, capacity: currentCapacity,
                                     decreeNumber: try! DecreeNumber("821/7/KPTS/2026"),
                                     startsOn: day("2026-07-01"), endsOn: day("2026-12-31")))
        store.put(HeadOfOfficeTenure(id: futureTenure, staffID: futureHead, capacity: .definitive,
                                     decreeNumber: try! DecreeNumber("821/12/KPTS/2026"),
                                     startsOn: day("2027-01-01"), endsOn: nil))
    }

    func request(officer: StaffID? = nil, decreeDate: String = "2026-12-01", from: String = "2026-12-01",
                 until: String? = "2026-12-31") -> AppointmentRequest {
        AppointmentRequest(officerID: officer ?? self.officer, decreeNumber: "800/123/KPTS/DPMPTSP/2026",
                           decreeDate: day(decreeDate), effectiveFrom: day(from), effectiveUntil: until.map(day))
    }

    @discardableResult
    func appoint(by actor: StaffID? = nil, _ request: AppointmentRequest? = nil) throws -> AuditedChange<Assignment> {
        try store.transaction { tx in try service.appoint(by: actor ?? head, request ?? self.request(), in: tx) }
    }

    @discardableResult
    func revoke(_ id: AssignmentID, by actor: StaffID? = nil, reason: String = "moved to another division",
                expectedVersion: Int? = nil) throws -> AuditedChange<Assignment> {
        try store.transaction { tx in
            try service.revoke(by: actor ?? head, assignmentID: id, reason: reason,
                               expectedVersion: expectedVersion, in: tx)
        }
    }

    @discardableResult
    func recordTenure(by actor: StaffID? = nil, _ request: TenureRequest) throws -> AuditedChange<HeadOfOfficeTenure> {
        try store.transaction { tx in try service.recordTenure(by: actor ?? admin, request, in: tx) }
    }

    func proveServing(_ staffID: StaffID) throws -> ServingOfficer {
        try service.proveServing(staffID, using: store)
    }
}

/// The `OfficerAssignmentError` thrown by `body`, or nil (recording an issue) if it threw none.
func officerError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> OfficerAssignmentError? {
    do {
        try body()
        Issue.record("expected an OfficerAssignmentError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as OfficerAssignmentError {
        return error
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
