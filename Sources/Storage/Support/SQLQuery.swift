import Database

/// A SELECT assembled from optional filters, keeping each condition next to its parameter.
///
/// Why it exists: list endpoints combine optional filters; writing one statement per
/// combination is error-prone, and `(? IS NULL OR col = ?)` defeats index use on PostgreSQL's
/// generic plans. Only fixed SQL fragments from this module are appended, never client text.
struct SQLQuery {
    private(set) var sql: String
    private(set) var parameters: [SQLValue] = []
    private var hasWhere = false

    init(_ sql: String) {
        self.sql = sql
    }

    /// Adds `AND condition` (or `WHERE condition` the first time).
    mutating func `where`(_ condition: String, _ values: SQLValue...) {
        sql += hasWhere ? " AND " : " WHERE "
        sql += "(\(condition))"
        hasWhere = true
        parameters += values
    }

    mutating func append(_ fragment: String, _ values: SQLValue...) {
        sql += fragment
        parameters += values
    }

    func run(on connection: any SQLConnection) throws -> [SQLRow] {
        try connection.query(sql, parameters)
    }
}
