// swift-tools-version:6.0
import PackageDescription

// Every Swift target is compiled in Swift 6 language mode (the tools-version
// default) with warnings treated as errors, so "no warnings" is enforced by the
// build rather than by review.
let strict: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"]),
]

let package = Package(
    name: "klipso",
    products: [
        .executable(name: "klipso", targets: ["klipso"]),
    ],
    targets: [
        // C libraries from Debian -dev packages, and one shim for what Swift cannot import.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "CSystemShim", cSettings: [.define("_GNU_SOURCE")]),

        // HTTP/1.1 wire format: parser, encoder, limits. No syscalls.
        .target(name: "HTTPCore", swiftSettings: strict),
        // OpenSSL contexts and a per-connection TLS state machine over memory buffers.
        .target(name: "TLSTransport", dependencies: ["COpenSSL"], swiftSettings: strict),
        // Syscalls, epoll event loops, listeners, connection lifecycle, timeouts.
        .target(name: "SocketServer", dependencies: ["HTTPCore", "TLSTransport", "CSystemShim"], swiftSettings: strict),
        // Router, middleware, request context, JSON, RFC 9457 problems, gzip.
        .target(name: "Web", dependencies: ["HTTPCore", "CZlib"], swiftSettings: strict),
        // SQL connections to SQLite and PostgreSQL behind one interface, pools, migrations. Knows nothing of KLIPSO.
        .target(name: "Database", dependencies: ["CSQLite", "CLibPQ"], swiftSettings: strict),
        // Password hashing, token digests, AES-GCM and HMAC through OpenSSL, behind small safe types.
        .target(name: "Cryptography", dependencies: ["COpenSSL"], swiftSettings: strict),
        // KLIPSO's value types and rules: no HTTP, no SQL.
        .target(name: "Domain", swiftSettings: strict),
        // Head-of-office tenures and officer assignments: the only code that can prove a staff member may serve.
        .target(name: "OfficerAssignment", dependencies: ["Domain"], swiftSettings: strict),
        // KLIPSO's tables, migrations and repositories on top of Database; the audit hash chain.
        .target(name: "Storage", dependencies: ["Database", "Domain", "OfficerAssignment", "Cryptography"], swiftSettings: strict),
        // KLIPSO's HTTP API: routes, payloads and their mapping onto the domain, as openapi.yaml describes.
        .target(name: "API", dependencies: ["Web", "HTTPCore", "Domain", "OfficerAssignment", "Storage", "Cryptography", "Database"], swiftSettings: strict),
        // The composition root: builds storage, services, router, TLS and the server from one configuration.
        .target(name: "Application", dependencies: ["API", "Web", "HTTPCore", "SocketServer", "TLSTransport", "Storage", "Cryptography", "Database", "Domain", "OfficerAssignment"], swiftSettings: strict),
        // A blocking HTTP/1.1 client (plain or TLS) that tests of every layer use against a live server.
        .target(name: "HTTPTestClient", dependencies: ["COpenSSL", "CSystemShim"], swiftSettings: strict),
        // Finds or starts the throwaway PostgreSQL the storage and API tests use.
        .target(name: "TestPostgres", swiftSettings: strict),
        // The executable: parses arguments and the environment, then runs the application.
        .executableTarget(name: "klipso", dependencies: ["Application"], swiftSettings: strict),

        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"], swiftSettings: strict),
        .testTarget(name: "TLSTransportTests", dependencies: ["TLSTransport", "COpenSSL"], swiftSettings: strict),
        .testTarget(name: "SocketServerTests", dependencies: ["SocketServer", "HTTPCore", "TLSTransport", "COpenSSL", "CSystemShim", "HTTPTestClient"], swiftSettings: strict),
        .testTarget(name: "WebTests", dependencies: ["Web", "HTTPCore", "CZlib"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["TestPostgres", "Storage", "Database", "Domain", "OfficerAssignment", "Cryptography"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["klipso", "Application", "HTTPTestClient", "HTTPCore", "TLSTransport", "Database"], swiftSettings: strict),
        .testTarget(name: "DatabaseTests", dependencies: ["TestPostgres", "Database"], swiftSettings: strict),
        .testTarget(name: "CryptographyTests", dependencies: ["Cryptography"], swiftSettings: strict),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strict),
        .testTarget(name: "OfficerAssignmentTests", dependencies: ["OfficerAssignment", "Domain"], swiftSettings: strict),
        .testTarget(name: "APITests", dependencies: ["TestPostgres", "Application", "API", "HTTPTestClient", "Storage", "Domain", "OfficerAssignment", "Cryptography", "Database"], swiftSettings: strict),
    ]
)
