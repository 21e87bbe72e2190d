import Database

extension KlipsoSchema {
    /// The audit trail: an append-only, hash-chained table plus a one-row chain head.
    ///
    /// The head (`audit_chain_head`) holds the last sequence number and hash; appending locks
    /// it (`SELECT … FOR UPDATE` on PostgreSQL; SQLite has a single writer), which serialises
    /// appends across instances and lets verification notice a truncated tail. Triggers make
    /// `UPDATE`/`DELETE` (and on PostgreSQL `TRUNCATE`) of events fail: no code path edits
    /// events, and a mistaken or malicious statement must not either (defence in depth; the
    /// hash chain detects what a privileged attacker does with triggers disabled).
    static let auditTrail = Migration(version: 3, name: "audit trail", sqlite: [
        auditEventsTable(sequenceType: "INTEGER"),
    ] + auditCommon + [
        """
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
        """,
        """
        CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
        """,
        """
        CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
        BEGIN SELECT RAISE(ABORT, 'audit_chain_head cannot be deleted'); END
        """,
    ], postgres: [
        auditEventsTable(sequenceType: "BIGINT"),
    ] + auditCommon + [
        """
        CREATE FUNCTION klipso_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
        END
        $$
        """,
        """
        CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION klipso_audit_append_only()
        """,
        """
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION klipso_audit_append_only()
        """,
        """
        CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION klipso_audit_append_only()
        """,
    ])

    /// SQLite's `INTEGER PRIMARY KEY` makes `seq` the rowid; PostgreSQL needs `BIGINT`.
    private static func auditEventsTable(sequenceType: String) -> String {
        """
        CREATE TABLE audit_events (
            seq \(sequenceType) PRIMARY KEY,
            id TEXT NOT NULL CONSTRAINT audit_events_id_unique UNIQUE,
            occurred_at BIGINT NOT NULL,
            actor_id TEXT,
            actor_kind TEXT NOT NULL,
            action TEXT NOT NULL,
            resource_type TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            request_id TEXT,
            summary_before TEXT,
            summary_after TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    }

    private static let auditCommon = [
        "CREATE INDEX audit_events_by_resource ON audit_events (resource_type, resource_id, seq)",
        "CREATE INDEX audit_events_by_actor ON audit_events (actor_id, seq)",
        "CREATE INDEX audit_events_by_occurred_at ON audit_events (occurred_at, seq)",
        """
        CREATE TABLE audit_chain_head (
            id BIGINT PRIMARY KEY CHECK (id = 1),
            last_seq BIGINT NOT NULL,
            last_hash TEXT NOT NULL
        )
        """,
        "INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, '\(AuditChain.genesisHash)')",
    ]
}
