import Database

extension KlipsoSchema {
    /// Idempotency keys of `POST` requests: a reservation made before the handler runs and
    /// the response stored after it, shared by every instance using the database.
    static let idempotency = Migration(version: 5, name: "idempotency keys",
                                       sqlite: idempotencyStatements(blob: "BLOB"),
                                       postgres: idempotencyStatements(blob: "BYTEA"))

    private static func idempotencyStatements(blob: String) -> [String] {
        [
            """
            CREATE TABLE idempotency_keys (
                scope TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'completed')),
                created_at BIGINT NOT NULL,
                status_code BIGINT,
                content_type TEXT,
                location TEXT,
                etag TEXT,
                sealed_body \(blob),
                PRIMARY KEY (scope, idempotency_key)
            )
            """,
            "CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at)",
        ]
    }
}
