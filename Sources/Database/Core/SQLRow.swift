/// Column names of one result set, shared by all its rows.
///
/// Why it exists: a row looks columns up by name; building the name → index map
/// once per result instead of once per row keeps large results cheap.
public final class SQLColumns: Sendable {
    public let names: [String]
    private let indexByName: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var map: [String: Int] = [:]
        // The first column wins when names repeat (e.g. `SELECT a.id, b.id`), as in SQLite.
        for (index, name) in names.enumerated() where map[name] == nil { map[name] = index }
        indexByName = map
    }

    func index(of name: String) -> Int? { indexByName[name] }
}

/// One row of a query result.
///
/// Why it exists: repositories read rows the same way on both backends, by column
/// name or position, with typed getters that throw a clear ``DatabaseError``
/// (kind ``DatabaseError/Kind/typeMismatch``) instead of trapping or guessing.
public struct SQLRow: Sendable {
    public let columns: SQLColumns
    public let values: [SQLValue]

    init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value at `index`, or a `typeMismatch` error if out of range.
    public func value(_ index: Int) throws -> SQLValue {
        guard values.indices.contains(index) else {
            throw DatabaseError(.typeMismatch, "column index \(index) out of range (row has \(values.count) columns)")
        }
        return values[index]
    }

    /// The raw value of column `name`, or a `typeMismatch` error if there is no such column.
    public func value(_ name: String) throws -> SQLValue {
        guard let index = columns.index(of: name) else {
            throw DatabaseError(.typeMismatch, "no column named '\(name)' (columns: \(columns.names.joined(separator: ", ")))")
        }
        return values[index]
    }

    /// `.null` when the column is missing, for quick inspection in tests and logs.
    public subscript(name: String) -> SQLValue { (try? value(name)) ?? .null }
    public subscript(index: Int) -> SQLValue { values.indices.contains(index) ? values[index] : .null }

    func columnName(_ index: Int) -> String {
        columns.names.indices.contains(index) ? columns.names[index] : "#\(index)"
    }
}
