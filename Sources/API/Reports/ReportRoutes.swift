import Cryptography
import Domain
import HTTPCore
import Storage
import Web

/// `GET /v1/reports/summary`: counts and times of a period for the reporting division and the
/// current head of office (art. 6, accountability), as JSON or, with `Accept: text/csv`, CSV.
///
/// Days are office-local and both included; the counting rules are `ReportSummary`'s.
enum ReportRoutes {
    static let negotiation = AcceptNegotiation(offered: ["application/json", "text/csv"])

    static func install(into router: inout Router, services: APIServices) {
        router.get("/v1/reports/summary") { request, context in try summary(request, context, services) }
    }

    static func summary(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let staff = try context.requireStaff()
        if !staff.mayAct(as: .reporting) {
            let head = try services.store.read { try services.officers.currentHead(in: $0.officerAssignments) }
            guard head?.staffID == staff.id else {
                throw HTTPError.forbidden("Reports are for reporting staff and the head of office.")
            }
        }
        let accept = request.headers.values("Accept")
        guard let mediaType = negotiation.choose(accept.isEmpty ? nil : accept.joined(separator: ",")) else {
            throw HTTPError(.notAcceptable, type: "not-acceptable",
                            detail: "This resource is available as application/json or text/csv.")
        }
        let (from, to) = try period(request.queryItems)
        let profile = services.officeProfile
        let data = try services.store.read { try $0.procedureReports.data(from: from, to: to, zone: services.clock.zone) }
        let summary = ReportSummary.compute(visits: data.visits, sessions: data.sessions, from: from, to: to,
                                            officers: data.activeOfficers, profile: profile)
        let body: [UInt8]
        var headers: HTTPHeaders = ["Vary": "Accept"]
        if mediaType == "text/csv" {
            body = Array(summary.csv.utf8)
            headers.set("Content-Type", ContentType.csv)
            headers.set("Content-Disposition", "attachment; filename=\"klipso-summary-\(from.iso8601)-\(to.iso8601).csv\"")
        } else {
            var writer = JSONWriter(reservingCapacity: 2048)
            ReportPayloads.write(summary, to: &writer)
            body = writer.bytes
            headers.set("Content-Type", ContentType.json)
        }
        let tag = EntityTags.forBody(body)
        headers.set("ETag", tag)
        if EntityTags.notModified(request, tag: tag) {
            return HTTPResponse(status: .notModified, headers: ["ETag": tag, "Vary": "Accept"])
        }
        return HTTPResponse(status: .ok, headers: headers, body: .bytes(body))
    }

    /// `from` and `to`: 400 when a date does not parse; 422 when one is missing, `to` is
    /// before `from`, or the period is longer than the limit.
    static func period(_ query: QueryItems) throws -> (LocalDate, LocalDate) {
        var missing: [Web.FieldError] = []
        var dates: [LocalDate] = []
        for name in ["from", "to"] {
            guard let text = query[name] else {
                missing.append(Web.FieldError(field: name, message: "is required (YYYY-MM-DD)"))
                continue
            }
            guard let date = LocalDate(iso8601: text) else {
                throw HTTPError(.badRequest, type: "bad-request", detail: "\(name) must be written YYYY-MM-DD.",
                                fieldErrors: [Web.FieldError(field: name, message: "must be a real calendar date written YYYY-MM-DD")])
            }
            dates.append(date)
        }
        if !missing.isEmpty { throw HTTPError.unprocessable(fieldErrors: missing) }
        let (from, to) = (dates[0], dates[1])
        if to < from {
            throw HTTPError.unprocessable(fieldErrors: [Web.FieldError(field: "to", message: "must not be before from")])
        }
        let limit = ProcedureReportRepository.maximumDays
        if to.daysSinceEpoch - from.daysSinceEpoch + 1 > limit {
            throw HTTPError.unprocessable(fieldErrors: [Web.FieldError(field: "to", message: "the period is at most \(limit) days")])
        }
        return (from, to)
    }
}
