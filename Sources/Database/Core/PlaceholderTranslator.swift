/// Rewrites the caller's `?` placeholders into PostgreSQL's `$1, $2, …`.
///
/// Why it exists: callers write one SQL text with `?` (which SQLite understands
/// natively) and it must run unchanged on PostgreSQL. A `?` inside a string
/// literal, quoted identifier, comment or dollar-quoted body is not a placeholder,
/// so this is a small scanner rather than a blind replace.
///
/// Limitation: PostgreSQL's JSONB operators `?`, `?|`, `?&` cannot be written
/// directly; use `jsonb_exists(…)`, `jsonb_exists_any(…)`, `jsonb_exists_all(…)`.
enum PlaceholderTranslator {
    struct Result: Equatable {
        var sql: String
        var placeholderCount: Int
    }

    static func toPostgres(_ sql: String) -> Result {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var count = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "?"):
                count += 1
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(count).utf8)
                index += 1
            case UInt8(ascii: "'"):
                let backslashEscapes = index > 0 && (bytes[index - 1] == UInt8(ascii: "E") || bytes[index - 1] == UInt8(ascii: "e"))
                index = copyQuoted(bytes, from: index, quote: byte, backslashEscapes: backslashEscapes, into: &output)
            case UInt8(ascii: "\""):
                index = copyQuoted(bytes, from: index, quote: byte, backslashEscapes: false, into: &output)
            case UInt8(ascii: "-") where next(bytes, index) == UInt8(ascii: "-"):
                index = copy(bytes, from: index, upTo: endOfLine(bytes, from: index), into: &output)
            case UInt8(ascii: "/") where next(bytes, index) == UInt8(ascii: "*"):
                index = copy(bytes, from: index, upTo: endOfBlockComment(bytes, from: index), into: &output)
            case UInt8(ascii: "$"):
                index = copy(bytes, from: index, upTo: endOfDollarQuote(bytes, from: index), into: &output)
            default:
                output.append(byte)
                index += 1
            }
        }
        return Result(sql: String(decoding: output, as: UTF8.self), placeholderCount: count)
    }

    private static func next(_ bytes: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < bytes.count ? bytes[index + 1] : nil
    }

    private static func copy(_ bytes: [UInt8], from start: Int, upTo end: Int, into output: inout [UInt8]) -> Int {
        output.append(contentsOf: bytes[start..<end])
        return end
    }

    /// Copies a quoted run; a doubled quote is an escaped quote. Unterminated runs copy to the end.
    private static func copyQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool, into output: inout [UInt8]) -> Int {
        var index = start + 1
        while index < bytes.count {
            if backslashEscapes && bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote {
                if next(bytes, index) == quote {
                    index += 2
                    continue
                }
                index += 1
                break
            }
            index += 1
        }
        return copy(bytes, from: start, upTo: min(index, bytes.count), into: &output)
    }

    private static func endOfLine(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    private static func endOfBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 2
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") { return index + 2 }
            index += 1
        }
        return bytes.count
    }

    /// `$tag$ … $tag$` (tag may be empty). A `$` that does not open a dollar quote
    /// (e.g. an existing `$1`) is copied alone.
    private static func endOfDollarQuote(_ bytes: [UInt8], from start: Int) -> Int {
        var tagEnd = start + 1
        while tagEnd < bytes.count, isTagByte(bytes[tagEnd]) { tagEnd += 1 }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$") else { return start + 1 }
        if tagEnd > start + 1, isDigit(bytes[start + 1]) { return start + 1 }
        let tag = bytes[start...tagEnd]
        var index = tagEnd + 1
        while index + tag.count <= bytes.count {
            if bytes[index..<(index + tag.count)].elementsEqual(tag) { return index + tag.count }
            index += 1
        }
        return bytes.count
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isTagByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte >= 0x80
    }
}
