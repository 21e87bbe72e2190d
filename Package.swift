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
        .target(name: "CSystemShim", cSettings: [.define("_GNU_SOURCE")]),

        // HTTP/1.1 wire format: parser, encoder, limits. No syscalls.
        .target(name: "HTTPCore", swiftSettings: strict),
        // OpenSSL contexts and a per-connection TLS state machine over memory buffers.
        .target(name: "TLSTransport", dependencies: ["COpenSSL"], swiftSettings: strict),
        // Syscalls, epoll event loops, listeners, connection lifecycle, timeouts.
        .target(name: "SocketServer", dependencies: ["HTTPCore", "TLSTransport", "CSystemShim"], swiftSettings: strict),
        // Router, middleware, request context, JSON, RFC 9457 problems, gzip.
        .target(name: "Web", dependencies: ["HTTPCore", "CZlib"], swiftSettings: strict),
        // The executable: arguments, configuration, start-up.
        .executableTarget(name: "klipso", dependencies: ["SocketServer", "TLSTransport", "Web"], swiftSettings: strict),

        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"], swiftSettings: strict),
        .testTarget(name: "TLSTransportTests", dependencies: ["TLSTransport", "COpenSSL"], swiftSettings: strict),
        .testTarget(name: "SocketServerTests", dependencies: ["SocketServer", "HTTPCore", "TLSTransport", "COpenSSL", "CSystemShim"], swiftSettings: strict),
        .testTarget(name: "WebTests", dependencies: ["Web", "HTTPCore", "CZlib"], swiftSettings: strict),
    ]
)
