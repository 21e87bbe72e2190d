/// Finds where a malformed JSON document goes wrong, for a 400 that tells the
/// client the line and column (Foundation's decoder only says "not valid JSON").
/// Runs only after decoding failed, so it favours clarity over speed.
struct JSONSyntaxLocator {
    struct Failure: Error, Equatable {
        let line: Int
        let column: Int
        let message: String

        var description: String { "Malformed JSON at line \(line), column \(column): \(message)." }
    }

    private let bytes: [UInt8]
    private var index = 0
    private static let maxDepth = 512

    /// The first syntax error in `bytes`, or nil when the syntax is fine.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var locator = JSONSyntaxLocator(bytes: bytes)
        return locator.check()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func check() -> Failure? {
        do throws(Failure) {
            try value(depth: 0)
            skipWhitespace()
            if index < bytes.count { throw failure("unexpected data after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < Self.maxDepth else { throw failure("nesting is too deep") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), depth: depth, members: true)
        case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), depth: depth, members: false)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw unexpected()
        }
    }

    private mutating func container(close: UInt8, depth: Int, members: Bool) throws(Failure) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == close { index += 1; return }
        while true {
            if members {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw unexpected(expecting: "a member name") }
                try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw unexpected(expecting: "':'") }
                index += 1
            }
            try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            if bytes[index] == close { index += 1; return }
            guard bytes[index] == UInt8(ascii: ",") else { throw unexpected(expecting: "',' or '\(Character(Unicode.Scalar(close)))'") }
            index += 1
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return }
            if byte < 0x20 { throw failure("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        index += 1
                        guard index < bytes.count, PathSegments.hexValue(bytes[index]) != nil else { throw failure("invalid \\u escape") }
                    }
                } else if !Array(#""\/bfnrt"#.utf8).contains(bytes[index]) {
                    throw failure("invalid escape sequence")
                }
            }
            index += 1
        }
        throw failure("unterminated string")
    }

    private mutating func number() throws(Failure) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw unexpected(expecting: "a digit") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw unexpected(expecting: "a digit") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw unexpected(expecting: "a digit") }
        }
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for expected in word.utf8 {
            guard index < bytes.count, bytes[index] == expected else { throw unexpected() }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func unexpected(expecting: String? = nil) -> Failure {
        guard index < bytes.count else { return failure("unexpected end of input") }
        let byte = bytes[index]
        let shown = (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: byte)
        return failure("unexpected \(shown)" + (expecting.map { ", expected \($0)" } ?? ""))
    }

    private func String(format byte: UInt8) -> Swift.String { "byte 0x" + Swift.String(byte, radix: 16) }

    private func failure(_ message: String) -> Failure {
        var line = 1, column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return Failure(line: line, column: column, message: message)
    }
}
