import Testing
@testable import Database

@Suite struct ValueRoundTripTests {
    static let samples: [SQLValue] = [
        .null, .integer(0), .integer(Int64.max), .integer(Int64.min), .integer(-42),
        .real(3.25), .real(-1e-300), .real(1.0 / 3.0),
        .text(""), .text("plain"), .text("Kabupaten Ogan Komering Ulu — ñ ☕ 𝄞"), .text("quote ' and ?"),
        .blob([]), .blob([0, 1, 2, 255, 0, 92, 120]), .blob(Array(repeating: 0xAB, count: 10_000)),
    ]

    @Test(arguments: TestBackends.available)
    func everyValueSurvivesATableRoundTrip(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try pool.withConnection { connection in
                try connection.execute("CREATE TABLE value_sample (id BIGINT PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, b \(blobType(backend)))")
            }
            for (id, value) in Self.samples.enumerated() {
                let column = Self.column(for: value)
                try pool.write { try $0.execute("INSERT INTO value_sample (id, \(column)) VALUES (?, ?)", [.integer(Int64(id)), value]) }
                let row = try #require(try pool.read { try $0.queryFirst("SELECT \(column) FROM value_sample WHERE id = ?", [.integer(Int64(id))]) })
                #expect(row.values == [value], "\(backend) \(column) \(value)")
            }
        }
    }

    @Test(arguments: TestBackends.available)
    func everyValueSurvivesASelectOfTheParameter(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            for value in Self.samples {
                let row = try #require(try pool.read { try $0.queryFirst("SELECT ? AS v", [value]) })
                #expect(try row.value("v") == value)
            }
        }
    }

    @Test(arguments: TestBackends.available)
    func typedGettersFollowTheConventionsAndRejectMismatches(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            let row = try #require(try pool.read {
                try $0.queryFirst("SELECT ? AS flag, ? AS at, ? AS name, ? AS absent, ? AS ratio, ? AS data",
                                  [.bool(true), .timestamp(microsecondsSinceEpoch: 1_700_000_000_000_000), "Ani", nil, 0.5, .blob([7])])
            })
            #expect(try row.bool("flag") == true)
            #expect(try row.int("at") == 1_700_000_000_000_000)
            #expect(try row.string(2) == "Ani")
            #expect(try row.optionalString("absent") == nil)
            #expect(try row.double("ratio") == 0.5)
            #expect(try row.double("at") == 1.7e15)
            #expect(try row.blob("data") == [7])
            #expect(errorKind { _ = try row.int("name") } == .typeMismatch)
            #expect(errorKind { _ = try row.string("absent") } == .typeMismatch)
            #expect(errorKind { _ = try row.bool("at") } == .typeMismatch)
            #expect(errorKind { _ = try row.int("missing") } == .typeMismatch)
            #expect(errorKind { _ = try row.int(99) } == .typeMismatch)
        }
    }

    @Test(arguments: TestBackends.postgresOnly)
    func postgresNativeTypesMapToPortableValues(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            let row = try #require(try pool.read {
                try $0.queryFirst("SELECT true AS yes, false AS no, 7::int4 AS small, SUM(x) AS total, 2.5::numeric AS fraction FROM (VALUES (1::bigint), (2::bigint)) AS v(x)")
            })
            #expect(row.values == [.integer(1), .integer(0), .integer(7), .integer(3), .real(2.5)])
        }
    }

    private static func column(for value: SQLValue) -> String {
        switch value {
        case .null, .integer: "i"
        case .real: "r"
        case .text: "t"
        case .blob: "b"
        }
    }
}
