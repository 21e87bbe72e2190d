import Web

/// Installs the routes of procedure steps 4 to 6 and their reporting: `/v1/sessions…` and
/// `/v1/reports/summary`, so the composition root adds them with one line.
enum ConsultationRoutes {
    static func install(into router: inout Router, services: APIServices) {
        SessionRoutes.install(into: &router, services: services)
        ReportRoutes.install(into: &router, services: services)
    }
}
