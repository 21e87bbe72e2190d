import Web

/// Installs the front-desk side of the procedure: applicants, visits and the queue.
///
/// Exists so `APIRoutes` names this part of the API with one line.
enum ProcedureRoutes {
    static func install(into router: inout Router, services: APIServices) {
        ApplicantRoutes.install(into: &router, services: services)
        VisitRoutes.install(into: &router, services: services)
        QueueRoutes.install(into: &router, services: services)
    }
}
