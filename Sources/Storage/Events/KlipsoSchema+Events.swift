import Database

extension KlipsoSchema {
    /// The event outbox, the live-queue log, webhooks and their deliveries.
    ///
    /// - `events` is the outbox: one row per webhook-worthy change, written by
    ///   `StoreWriter.record` in the change's own transaction. `seq` is the audit event's
    ///   sequence number, so it is unique, increasing, and (the audit chain head being locked
    ///   until commit) committed in order: a reader walking `seq > last` never skips a row.
    /// - `queue_events` is the same idea for the live queue (`GET /v1/queue/events`).
    /// - `event_fanout` is the one-row cursor of the last outbox event turned into deliveries.
    /// - `webhook_deliveries.resource_key` (`<type>:<id>`) and `event_seq` keep the events of
    ///   one resource in order; `locked_until`/`claim_token` let several instances share the
    ///   work without delivering one row twice.
    static let events = Migration(version: 6, name: "event outbox, queue events, webhooks and deliveries",
                                  sqlite: eventStatements(blob: "BLOB"), postgres: eventStatements(blob: "BYTEA"))

    private static func eventStatements(blob: String) -> [String] {
        [
            """
            CREATE TABLE events (
                seq BIGINT PRIMARY KEY,
                id TEXT NOT NULL CONSTRAINT events_id_unique UNIQUE,
                type TEXT NOT NULL,
                resource_type TEXT NOT NULL,
                resource_id TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                data TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE queue_events (
                seq BIGINT PRIMARY KEY,
                visit_id TEXT NOT NULL,
                queue_number TEXT,
                status TEXT NOT NULL,
                visit_date BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX queue_events_by_day ON queue_events (visit_date, seq)",
            """
            CREATE TABLE webhooks (
                id TEXT PRIMARY KEY,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                secret_sealed \(blob) NOT NULL,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY,
                webhook_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                event_seq BIGINT NOT NULL,
                event_type TEXT NOT NULL,
                resource_key TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
                attempts BIGINT NOT NULL,
                last_status_code BIGINT,
                last_error TEXT,
                delivered_at BIGINT,
                next_attempt_at BIGINT,
                locked_until BIGINT NOT NULL,
                claim_token TEXT,
                created_at BIGINT NOT NULL,
                CONSTRAINT webhook_deliveries_once UNIQUE (webhook_id, event_id)
            )
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
            "CREATE INDEX webhook_deliveries_by_resource ON webhook_deliveries (webhook_id, resource_key, event_seq)",
            "CREATE INDEX webhook_deliveries_by_claim ON webhook_deliveries (claim_token)",
            "CREATE TABLE event_fanout (id BIGINT PRIMARY KEY, last_seq BIGINT NOT NULL)",
            "INSERT INTO event_fanout (id, last_seq) VALUES (1, 0)",
        ]
    }
}
