import CLibPQ
import Glibc

/// One libpq connection with a per-connection LRU cache of named prepared statements.
///
/// Why it exists: the PostgreSQL half of ``SQLConnection``. Caller SQL uses `?`,
/// rewritten once per statement to `$n`; statements are prepared once per
/// connection (`PQprepare`) and then run with `PQexecPrepared`, saving the parse
/// and plan on every call.
final class PostgresConnection: TransactionalConnection {
    let backend = DatabaseBackend.postgres
    var transactionDepth = 0
    private let handle: OpaquePointer
    private let usePreparedStatements: Bool
    private var translations: LRUCache<String, PlaceholderTranslator.Result>
    private var statements: LRUCache<String, String>
    private var pendingDeallocations: [String] = []
    private var statementCounter = 0
    /// The error that aborted the open transaction, reported again at COMMIT.
    private var abortingError: DatabaseError?

    init(conninfo: String, connectTimeoutSeconds: Int, statementCacheCapacity: Int, usePreparedStatements: Bool) throws {
        // Later keywords override earlier ones, so a connect_timeout in the URL wins.
        let keywords = ["connect_timeout", "dbname"], values = [String(connectTimeoutSeconds), conninfo]
        let connection = withCStrings(keywords) { keywords in
            withCStrings(values) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(connection)
            throw DatabaseError(.unavailable, "cannot connect to PostgreSQL: \(message.trimmedTrailingNewlines)")
        }
        handle = connection
        self.usePreparedStatements = usePreparedStatements
        translations = LRUCache(capacity: statementCacheCapacity)
        statements = LRUCache(capacity: statementCacheCapacity)
        // Silence NOTICEs ("relation already exists, skipping") that libpq prints to stderr.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    func close() { PQfinish(handle) }

    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }
    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rowCount = PQntuples(result), columnCount = PQnfields(result)
        let columns = SQLColumns((0..<columnCount).map { String(cString: PQfname(result, $0)) })
        let types = (0..<columnCount).map { PQftype(result, $0) }
        return (0..<rowCount).map { row in
            SQLRow(columns: columns, values: (0..<columnCount).map {
                PostgresValueCoding.value(result, row: row, column: $0, type: types[Int($0)])
            })
        }
    }

    func transaction<T>(_ options: TransactionOptions, _ body: (any SQLConnection) throws -> T) throws -> T {
        try runTransaction(options, body)
    }

    func runControl(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
        if sql == "ROLLBACK" || sql.hasPrefix("BEGIN") { abortingError = nil }
    }

    func beginStatement(_ options: TransactionOptions) -> String {
        "BEGIN ISOLATION LEVEL \(options.isolation.rawValue)\(options.readOnly ? " READ ONLY" : "")"
    }

    func checkCommittable() throws {
        guard PQtransactionStatus(handle) == PQTRANS_INERROR else { return }
        throw abortingError ?? DatabaseError(.other, "the transaction was aborted by an earlier error; nothing was committed")
    }

    func recoverLostConnection() -> Bool {
        PQreset(handle)
        // A new server session has none of our prepared statements.
        _ = statements.removeAll()
        pendingDeallocations = []
        transactionDepth = 0
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Makes the connection fit for the next user: no open transaction, evicted statements deallocated.
    func prepareForReuse() -> Bool {
        if isBroken { return false }
        if !isIdle { rollbackQuietly() }
        guard isIdle else { return false }
        for name in pendingDeallocations { try? runControl("DEALLOCATE \(name)") }
        pendingDeallocations = []
        return !isBroken
    }

    private func run(_ sql: String, _ parameters: [SQLValue]) throws -> OpaquePointer {
        let translated = translation(of: sql)
        guard translated.placeholderCount == parameters.count else {
            throw DatabaseError(.misuse, "statement has \(translated.placeholderCount) placeholders but \(parameters.count) parameters were given", sql: sql)
        }
        let encoded = PostgresValueCoding.Parameters(parameters)
        defer { encoded.release() }
        guard usePreparedStatements else {
            let result = PQexecParams(handle, translated.sql, Int32(parameters.count), encoded.types, encoded.values, encoded.lengths, encoded.formats, 0)
            return try checked(result, sql: sql)
        }
        let key = encoded.typeSignature + "|" + translated.sql
        do {
            return try executePrepared(key: key, translated.sql, encoded, originalSQL: sql)
        } catch let error as DatabaseError where Self.invalidatesCachedStatement(error) && isIdle {
            // The schema changed under a cached plan ("cached plan must not change
            // result type") or the statement vanished: prepare afresh, once. Only
            // outside a transaction: inside one, the error has already aborted it.
            if let stale = statements.remove(key) { pendingDeallocations.append(stale) }
            return try executePrepared(key: key, translated.sql, encoded, originalSQL: sql)
        }
    }

    private static func invalidatesCachedStatement(_ error: DatabaseError) -> Bool {
        error.code == "0A000" || error.code == "26000"
    }

    private func executePrepared(key: String, _ sql: String, _ encoded: PostgresValueCoding.Parameters, originalSQL: String) throws -> OpaquePointer {
        let name = try preparedName(key: key, sql: sql, types: encoded.types)
        let result = PQexecPrepared(handle, name, Int32(encoded.types.count), encoded.values, encoded.lengths, encoded.formats, 0)
        return try checked(result, sql: originalSQL)
    }

    private func translation(of sql: String) -> PlaceholderTranslator.Result {
        if let cached = translations.get(sql) { return cached }
        let translated = PlaceholderTranslator.toPostgres(sql)
        _ = translations.put(sql, translated)
        return translated
    }

    private func preparedName(key: String, sql: String, types: [Oid]) throws -> String {
        if let name = statements.get(key) { return name }
        statementCounter += 1
        let name = "klipso_s\(statementCounter)"
        let result = PQprepare(handle, name, sql, Int32(types.count), types)
        PQclear(try checked(result, sql: sql))
        if let evicted = statements.put(key, name) { pendingDeallocations.append(evicted) }
        return name
    }

    private func checked(_ result: OpaquePointer?, sql: String) throws -> OpaquePointer {
        do {
            try check(result, sql: sql)
        } catch {
            PQclear(result)
            throw error
        }
        guard let result else { throw DatabaseError(.other, "libpq returned no result", sql: sql) }
        return result
    }

    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK else { return }
        let error = makeError(result, sql: sql)
        if PQtransactionStatus(handle) == PQTRANS_INERROR { abortingError = error }
        throw error
    }

    private func makeError(_ result: OpaquePointer?, sql: String) -> DatabaseError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue ?? 0)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field("C")
        let message = field("M") ?? String(cString: PQerrorMessage(handle)).trimmedTrailingNewlines
        let kind = PostgresErrorMapping.kind(sqlState: sqlState, connectionBroken: isBroken)
        return DatabaseError(kind, message.isEmpty ? "connection lost" : message, constraint: field("n"), code: sqlState, sql: sql)
    }
}

extension String {
    fileprivate var trimmedTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}

/// Calls `body` with a NULL-terminated array of C strings valid for its duration.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    let pointers = duplicates.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
