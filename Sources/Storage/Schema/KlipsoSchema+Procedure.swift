import Database

extension KlipsoSchema {
    /// Applicants, visits with their daily queue numbers, and consultation sessions.
    ///
    /// - `applicants.nik_ciphertext` is the NIK sealed with AES-GCM (bound to the applicant id);
    ///   `nik_lookup` its keyed HMAC, unique, for exact search and de-duplication without
    ///   decrypting; `nik_last4` for the masked form; `nik_recorded_on` the day the NIK was
    ///   validated, against which its two-digit birth year is resolved again when read.
    ///   `name_folded` is the lowercased name, so substring search behaves the same on both
    ///   engines (their `LOWER` differ beyond ASCII).
    /// - `queue_counters` holds the last number given out per office-local day; a visit insert
    ///   increments it in the same transaction (`INSERT … ON CONFLICT DO UPDATE … RETURNING`),
    ///   so numbers are neither duplicated nor skipped, whatever the concurrency. The unique
    ///   constraints on `visits` are the last line of defence.
    /// - `sessions.visit_id` is unique: at most one session per visit.
    static let procedure = Migration(version: 4, name: "applicants, visits, queue counters and sessions",
                                     sqlite: procedureStatements(blob: "BLOB"), postgres: procedureStatements(blob: "BYTEA"))

    private static func procedureStatements(blob: String) -> [String] {
        [
            """
            CREATE TABLE applicants (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('individual', 'business')),
                name TEXT NOT NULL,
                name_folded TEXT NOT NULL,
                nik_ciphertext \(blob),
                nik_lookup TEXT CONSTRAINT applicants_nik_lookup_unique UNIQUE,
                nik_last4 TEXT,
                nik_recorded_on BIGINT,
                phone TEXT,
                email TEXT,
                business_name TEXT,
                nib TEXT,
                address TEXT,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                CHECK ((nik_ciphertext IS NULL) = (nik_lookup IS NULL))
            )
            """,
            """
            CREATE TABLE visits (
                id TEXT PRIMARY KEY,
                applicant_id TEXT NOT NULL REFERENCES applicants (id),
                visit_date BIGINT NOT NULL,
                purpose TEXT NOT NULL,
                platform TEXT,
                notes TEXT,
                decision TEXT NOT NULL CHECK (decision IN ('routed_to_klipso', 'refused')),
                status TEXT NOT NULL,
                queue_seq BIGINT,
                queue_number TEXT,
                referred_to TEXT,
                refusal_reason TEXT,
                session_id TEXT,
                started_at BIGINT,
                ended_at BIGINT,
                cancellation_reason TEXT,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                CONSTRAINT visits_queue_number_unique UNIQUE (visit_date, queue_number),
                CONSTRAINT visits_queue_seq_unique UNIQUE (visit_date, queue_seq),
                CHECK ((decision = 'routed_to_klipso') = (queue_seq IS NOT NULL))
            )
            """,
            "CREATE INDEX visits_by_date ON visits (visit_date, id)",
            "CREATE INDEX visits_by_applicant ON visits (applicant_id, id)",
            """
            CREATE TABLE queue_counters (
                visit_date BIGINT PRIMARY KEY,
                last_number BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                visit_id TEXT NOT NULL REFERENCES visits (id) CONSTRAINT sessions_visit_id_unique UNIQUE,
                applicant_id TEXT NOT NULL REFERENCES applicants (id),
                platform TEXT NOT NULL,
                officer_id TEXT NOT NULL REFERENCES staff (id),
                assignment_id TEXT NOT NULL REFERENCES assignments (id),
                status TEXT NOT NULL CHECK (status IN ('in_progress', 'completed')),
                started_at BIGINT NOT NULL,
                started_on BIGINT NOT NULL,
                completed_at BIGINT,
                completed_on BIGINT,
                topics TEXT NOT NULL,
                notes TEXT,
                requirements TEXT NOT NULL,
                outcome TEXT,
                next_step TEXT,
                missing_requirements TEXT NOT NULL,
                version BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sessions_by_officer ON sessions (officer_id, started_on, id)",
            "CREATE INDEX sessions_by_started_on ON sessions (started_on, id)",
            "CREATE INDEX sessions_by_completed_on ON sessions (completed_on)",
        ]
    }
}
