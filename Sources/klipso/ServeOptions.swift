import Foundation

/// Everything `klipso serve` can be told, as flags and environment variables
/// (the contract's "Running it" names, plus threads, limits and timeouts).
enum ServeOptions {
    /// Where the data lives: shared by every command that opens the database.
    static let storage: [OptionSpec] = [
        OptionSpec("data-dir", env: "KLIPSO_DATA_DIR", value: "PATH", help: "data directory (default ./klipso-data)"),
        OptionSpec("database", env: "KLIPSO_DATABASE", value: "URL", help: "sqlite file path or postgres://… URL (default <data-dir>/klipso.sqlite)"),
    ]

    static let specs: [OptionSpec] = storage + [
        OptionSpec("host", env: "KLIPSO_HOST", value: "ADDRESS", help: "address to listen on (default :: — every IPv6 and IPv4 address)"),
        OptionSpec("port", env: "KLIPSO_PORT", value: "PORT", help: "TCP port (default 8443; 0 picks a free one)"),
        OptionSpec("time-zone", env: "KLIPSO_TIME_ZONE", value: "ZONE", help: "the office's time zone for \"today\" and queue numbers (default Asia/Jakarta)"),
        OptionSpec("office-name", env: "KLIPSO_OFFICE_NAME", value: "TEXT", help: "the office's name (default DPMPTSP Kabupaten Ogan Komering Ulu)"),
        OptionSpec("regency", env: "KLIPSO_REGENCY", value: "TEXT", help: "the regency's name (default Ogan Komering Ulu)"),
        OptionSpec("queue-prefix", env: "KLIPSO_QUEUE_PREFIX", value: "LETTERS", help: "queue-number prefix, 1 to 8 capital letters (default K: K-001)"),
        OptionSpec("desk-labels", env: "KLIPSO_DESK_LABELS", value: "LIST", help: "referral desk names, e.g. 'front_office_counter=Loket FO;complaints_desk=Meja Pengaduan'"),
        OptionSpec("cors-origins", env: "KLIPSO_CORS_ORIGINS", value: "LIST", help: "browser origins allowed by CORS, comma-separated (default none)"),
        OptionSpec("rate-limit", env: "KLIPSO_RATE_LIMIT_RPS", value: "N", help: "requests per second per credential; 0 turns it off (default 50)"),
        OptionSpec("rate-limit-burst", env: "KLIPSO_RATE_LIMIT_BURST", value: "N", help: "requests a credential may burst above the rate (default 200)"),
        OptionSpec(switch: "webhooks-allow-loopback-http", env: "KLIPSO_WEBHOOKS_ALLOW_LOOPBACK_HTTP", help: "allow plain-http webhook URLs to loopback addresses (tests, local gateways)"),
        OptionSpec("tls-cert", env: "KLIPSO_TLS_CERT", value: "PEM", help: "certificate chain (default: a generated development certificate)"),
        OptionSpec("tls-key", env: "KLIPSO_TLS_KEY", value: "PEM", help: "private key for --tls-cert"),
        OptionSpec(switch: "insecure-http", env: "KLIPSO_INSECURE_HTTP", help: "serve plain HTTP (only behind a TLS proxy on loopback)"),
        OptionSpec("threads", env: "KLIPSO_THREADS", value: "N", help: "event loops (default: one per core)"),
        OptionSpec("workers", env: "KLIPSO_WORKERS", value: "N", help: "threads for blocking request work (default 32)"),
        OptionSpec("max-connections", env: "KLIPSO_MAX_CONNECTIONS", value: "N", help: "open connections before new ones are refused (default 16384)"),
        OptionSpec("max-body-bytes", env: "KLIPSO_MAX_BODY_BYTES", value: "BYTES", help: "largest request body (default 1048576)"),
        OptionSpec("max-target-bytes", env: "KLIPSO_MAX_TARGET_BYTES", value: "BYTES", help: "longest request target (default 8192)"),
        OptionSpec("max-header-line-bytes", env: "KLIPSO_MAX_HEADER_LINE_BYTES", value: "BYTES", help: "longest header line (default 8192)"),
        OptionSpec("max-header-count", env: "KLIPSO_MAX_HEADER_COUNT", value: "N", help: "most header fields (default 100)"),
        OptionSpec("header-timeout", env: "KLIPSO_HEADER_TIMEOUT", value: "SECONDS", help: "time to receive a request head (default 10)"),
        OptionSpec("body-timeout", env: "KLIPSO_BODY_TIMEOUT", value: "SECONDS", help: "time to receive a request body (default 30)"),
        OptionSpec("idle-timeout", env: "KLIPSO_IDLE_TIMEOUT", value: "SECONDS", help: "keep-alive idle time (default 15)"),
        OptionSpec("write-timeout", env: "KLIPSO_WRITE_TIMEOUT", value: "SECONDS", help: "time a client may stall reading a response (default 30)"),
        OptionSpec("handshake-timeout", env: "KLIPSO_HANDSHAKE_TIMEOUT", value: "SECONDS", help: "time to complete a TLS handshake (default 10)"),
        OptionSpec("shutdown-grace", env: "KLIPSO_SHUTDOWN_GRACE", value: "SECONDS", help: "time in-flight requests get on SIGTERM (default 10)"),
        OptionSpec(switch: "no-access-log", env: "KLIPSO_NO_ACCESS_LOG", help: "do not write one JSON line per request to stderr"),
    ]
}
