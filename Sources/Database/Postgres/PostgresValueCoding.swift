import CLibPQ
import Foundation

/// Converts ``SQLValue`` parameters to libpq's arrays and result cells back.
///
/// Why it exists: parameters go as text (integers typed `int8`, reals `float8`,
/// strings `unknown` so PostgreSQL infers the column type, e.g. for `date` or
/// `uuid` columns) except blobs, sent binary as `bytea`. Results come back as text
/// and are typed by column OID: integer types and whole `numeric`s → `.integer`,
/// floats and fractional `numeric`s → `.real`, `boolean` → `.integer(0/1)`,
/// `bytea` → `.blob`, everything else → `.text`.
enum PostgresValueCoding {
    static let int8: Oid = 20, float8: Oid = 701, bytea: Oid = 17, unknown: Oid = 0

    /// Parameter arrays whose C strings live until `release()`.
    struct Parameters {
        var types: [Oid] = []
        var values: [UnsafePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        private var storage: [UnsafeMutableRawPointer] = []

        init(_ parameters: [SQLValue]) {
            for value in parameters {
                switch value {
                case .null: append(type: unknown, bytes: nil, binary: false)
                case .integer(let number): append(type: int8, bytes: Array(String(number).utf8), binary: false)
                case .real(let number): append(type: float8, bytes: Array(PostgresValueCoding.text(of: number).utf8), binary: false)
                case .text(let string): append(type: unknown, bytes: Array(string.utf8), binary: false)
                case .blob(let bytes): append(type: bytea, bytes: bytes, binary: true)
                }
            }
        }

        /// A key part that distinguishes statements prepared with different parameter types.
        var typeSignature: String { types.map(String.init).joined(separator: ",") }

        private mutating func append(type: Oid, bytes: [UInt8]?, binary: Bool) {
            types.append(type)
            formats.append(binary ? 1 : 0)
            guard let bytes else {
                values.append(nil)
                lengths.append(0)
                return
            }
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 1, alignment: 1)
            bytes.withUnsafeBytes { if let base = $0.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) } }
            buffer.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
            storage.append(buffer)
            values.append(UnsafePointer(buffer.assumingMemoryBound(to: CChar.self)))
            lengths.append(Int32(bytes.count))
        }

        func release() { storage.forEach { $0.deallocate() } }
    }

    static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
        return String(number)
    }

    static func value(_ result: OpaquePointer, row: Int32, column: Int32, type: Oid) -> SQLValue {
        if PQgetisnull(result, row, column) != 0 { return .null }
        guard let cell = PQgetvalue(result, row, column) else { return .null }
        let length = Int(PQgetlength(result, row, column))
        let bytes = UnsafeRawBufferPointer(start: cell, count: length)
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case 16: return .integer(text == "t" ? 1 : 0)
        case 20, 21, 23, 26: return Int64(text).map(SQLValue.integer) ?? .text(text)
        case 700, 701: return Double(text).map(SQLValue.real) ?? .text(text)
        case 1700:
            if let whole = Int64(text) { return .integer(whole) }
            return Double(text).map(SQLValue.real) ?? .text(text)
        case bytea: return .blob(decodeHexBytea(bytes))
        default: return .text(text)
        }
    }

    /// `bytea_output = hex` (the default): `\x` then two hex digits per byte.
    private static func decodeHexBytea(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        guard bytes.count >= 2 else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index + 1 < bytes.count {
            output.append(nibble(bytes[index]) << 4 | nibble(bytes[index + 1]))
            index += 2
        }
        return output
    }

    private static func nibble(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 0
        }
    }
}
