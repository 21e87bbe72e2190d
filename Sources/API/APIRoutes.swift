import Web

/// Installs KLIPSO's `/v1` routes and the bearer middleware they rely on.
///
/// Exists so the composition root wires the whole API with one call, and the route files
/// stay internal: one file per resource, each with its payloads beside it.
public enum APIRoutes {
    public static func install(into router: inout Router, services: APIServices) {
        router.add(middleware: BearerAuthenticationMiddleware(services: services))
        AuthRoutes.install(into: &router, services: services)
        StaffRoutes.install(into: &router, services: services)
        APIKeyRoutes.install(into: &router, services: services)
        TenureRoutes.install(into: &router, services: services)
        AssignmentRoutes.install(into: &router, services: services)
        AuditRoutes.install(into: &router, services: services)
        ProcedureRoutes.install(into: &router, services: services)
        ConsultationRoutes.install(into: &router, services: services)
    }
}
