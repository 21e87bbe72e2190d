import HTTPCore

/// Writes a response head into memory sized in advance, with raw pointer
/// stores: the head is built for every response, and growing an array piece
/// by piece (a capacity and uniqueness check per append) cost more than the
/// rest of a small response's framing.
struct HeadBytesWriter {
    private var cursor: UnsafeMutablePointer<UInt8>
    private let end: UnsafeMutablePointer<UInt8>

    /// Exact sizes of the pieces, to size the memory before writing.
    static func statusLineCount(_ status: HTTPStatus) -> Int { 9 + 4 + status.reasonPhrase.utf8.count + 2 }
    static func fieldCount(_ name: String, _ value: String) -> Int { name.utf8.count + value.utf8.count + 4 }
    static func fieldCount(_ name: String, decimal value: Int) -> Int { name.utf8.count + decimalCount(value) + 4 }

    static func decimalCount(_ value: Int) -> Int {
        var magnitude = value.magnitude
        var count = value < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }

    /// Appends exactly `count` bytes to `buffer`, produced by `body`; traps if
    /// `body` writes a different number (a sizing bug, never input-dependent).
    static func append(count: Int, to buffer: inout [UInt8], _ body: (inout HeadBytesWriter) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { memory in
            var writer = HeadBytesWriter(cursor: memory.baseAddress!, end: memory.baseAddress! + count)
            body(&writer)
            precondition(writer.cursor == writer.end, "response head size miscounted")
            buffer.append(contentsOf: UnsafeBufferPointer(memory))
        }
    }

    private init(cursor: UnsafeMutablePointer<UInt8>, end: UnsafeMutablePointer<UInt8>) {
        self.cursor = cursor
        self.end = end
    }

    /// `HTTP/1.1 <code> <reason>\r\n` for a three-digit code (the caller
    /// writes any other code the slow way).
    mutating func statusLine(_ status: HTTPStatus) {
        precondition((100...999).contains(status.code), "status code is not three digits")
        bytes("HTTP/1.1 ")
        let code = status.code
        byte(UInt8(truncatingIfNeeded: 0x30 + code / 100))
        byte(UInt8(truncatingIfNeeded: 0x30 + code / 10 % 10))
        byte(UInt8(truncatingIfNeeded: 0x30 + code % 10))
        byte(0x20)
        string(status.reasonPhrase)
        crlf()
    }

    mutating func field(_ name: String, _ value: String) {
        string(name)
        colonSpace()
        string(value)
        crlf()
    }

    mutating func field(_ name: String, decimal value: Int) {
        string(name)
        colonSpace()
        decimal(value)
        crlf()
    }

    mutating func field(_ name: String, bytes value: [UInt8]) {
        string(name)
        colonSpace()
        value.withUnsafeBufferPointer { raw($0) }
        crlf()
    }

    mutating func crlf() {
        byte(0x0D)
        byte(0x0A)
    }

    private mutating func colonSpace() {
        byte(0x3A)
        byte(0x20)
    }

    @inline(__always)
    private mutating func byte(_ value: UInt8) {
        precondition(cursor < end, "response head size miscounted")
        cursor.pointee = value
        cursor += 1
    }

    private mutating func bytes(_ text: StaticString) {
        text.withUTF8Buffer { raw($0) }
    }

    private mutating func string(_ text: String) {
        // Native strings (small ones included) lend their bytes without a copy.
        if text.utf8.withContiguousStorageIfAvailable({ raw($0) }) == nil {
            var text = text
            text.withUTF8 { raw($0) }
        }
    }

    private mutating func raw(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        precondition(end - cursor >= source.count, "response head size miscounted")
        cursor.update(from: base, count: source.count)
        cursor += source.count
    }

    private mutating func decimal(_ value: Int) {
        if value < 0 { byte(0x2D) }
        let count = Self.decimalCount(value) - (value < 0 ? 1 : 0)
        precondition(end - cursor >= count, "response head size miscounted")
        var magnitude = value.magnitude
        var index = count
        repeat {
            index -= 1
            cursor[index] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        cursor += count
    }
}
