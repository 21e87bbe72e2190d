import CSQLite

/// One SQLite connection with a per-connection LRU cache of prepared statements.
///
/// Why it exists: the SQLite half of ``SQLConnection``. Opened in multi-thread
/// mode (`SQLITE_OPEN_NOMUTEX`): the pool guarantees one thread at a time.
final class SQLiteConnection: TransactionalConnection {
    let backend = DatabaseBackend.sqlite
    var transactionDepth = 0
    private let handle: OpaquePointer
    private var statements: LRUCache<String, OpaquePointer>

    struct Settings {
        var busyTimeoutMilliseconds: Int32 = 5_000
        var statementCacheCapacity = 64
        var readOnly = false
    }

    init(path: String, settings: Settings) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw DatabaseError(.unavailable, "cannot open SQLite database at \(path): \(message)", code: "SQLITE \(code)")
        }
        handle = db
        statements = LRUCache(capacity: settings.statementCacheCapacity)
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, settings.busyTimeoutMilliseconds)
        do {
            // WAL lets readers run during a write; FULL fsyncs the WAL at every
            // commit, so a commit that returned survives power loss.
            _ = try query("PRAGMA journal_mode=WAL", [])
            try runControl("PRAGMA synchronous=FULL")
            try runControl("PRAGMA foreign_keys=ON")
            if settings.readOnly { try runControl("PRAGMA query_only=1") }
        } catch {
            close()
            throw error
        }
    }

    private(set) var isClosed = false

    func close() {
        guard !isClosed else { return }
        isClosed = true
        for statement in statements.removeAll() { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// True when SQLite itself has no open transaction (it may roll one back on its own after some errors).
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let totalBefore = sqlite3_total_changes64(handle)
        try run(sql, parameters) { _ in }
        // sqlite3_changes64 still reports the previous DML after DDL or SELECT.
        return sqlite3_total_changes64(handle) == totalBefore ? 0 : Int(sqlite3_changes64(handle))
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        var columns: SQLColumns?
        try run(sql, parameters) { statement in
            let count = Int(sqlite3_column_count(statement))
            let names = columns ?? SQLColumns((0..<count).map { String(cString: sqlite3_column_name(statement, Int32($0))) })
            columns = names
            rows.append(SQLRow(columns: names, values: (0..<count).map { Self.column(statement, Int32($0)) }))
        }
        return rows
    }

    func transaction<T>(_ options: TransactionOptions, _ body: (any SQLConnection) throws -> T) throws -> T {
        try runTransaction(options, body)
    }

    func runControl(_ sql: String) throws {
        try run(sql, []) { _ in }
    }

    func beginStatement(_ options: TransactionOptions) -> String {
        options.readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE"
    }

    func checkCommittable() throws {
        if isAutocommit {
            throw DatabaseError(.other, "the transaction was rolled back by SQLite after an earlier error; nothing was committed")
        }
    }

    func recoverLostConnection() -> Bool { false }

    /// Prepares (or reuses) the statement, binds, steps to completion calling
    /// `onRow` for each row, and always resets it for the next use.
    private func run(_ sql: String, _ parameters: [SQLValue], onRow: (OpaquePointer) -> Void) throws {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(parameters, to: statement, sql: sql)
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_ROW {
                onRow(statement)
            } else if code == SQLITE_DONE {
                return
            } else {
                throw SQLiteErrorMapping.error(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
            }
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let cached = statements.get(sql) { return cached }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteErrorMapping.error(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        if let evicted = statements.put(sql, statement) { sqlite3_finalize(evicted) }
        return statement
    }

    private func bind(_ parameters: [SQLValue], to statement: OpaquePointer, sql: String) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == parameters.count else {
            throw DatabaseError(.misuse, "statement has \(expected) placeholders but \(parameters.count) parameters were given", sql: sql)
        }
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(statement, index)
            case .integer(let number): code = sqlite3_bind_int64(statement, index, number)
            case .real(let number): code = sqlite3_bind_double(statement, index, number)
            case .text(let string):
                code = string.utf8CString.withUnsafeBufferPointer { buffer in
                    sqlite3_bind_text64(statement, index, buffer.baseAddress, UInt64(buffer.count - 1), Self.transient, UInt8(SQLITE_UTF8))
                }
            case .blob(let bytes) where bytes.isEmpty:
                code = sqlite3_bind_zeroblob(statement, index, 0)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient) }
            }
            guard code == SQLITE_OK else {
                throw SQLiteErrorMapping.error(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
            }
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func column(_ statement: OpaquePointer, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard let text = sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let bytes = sqlite3_column_blob(statement, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}
