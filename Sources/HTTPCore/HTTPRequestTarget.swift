/// Splits a request target into path and query according to its form
/// (RFC 9112 §3.2): origin-form, absolute-form, asterisk-form (OPTIONS only)
/// and authority-form (CONNECT only).
///
/// The lexer has already checked that every byte is visible ASCII; this adds
/// the rules that depend on the form and on the method.
struct HTTPRequestTarget {
    var target: String
    var path: String
    var query: String?

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, isConnect: Bool, isOptions: Bool) throws(HTTPParseError) -> HTTPRequestTarget {
        let first = bytes[0]
        if isConnect {
            // authority-form: uri-host ":" port, and nothing else.
            guard HTTPHostSyntax.isValid(bytes, allowEmpty: false, requirePort: true) else {
                throw HTTPParseError(.badRequest, "CONNECT requires an authority-form target")
            }
            return HTTPRequestTarget(target: bytes.string(0..<bytes.count), path: "/", query: nil)
        }
        if first == HTTPByte.slash {
            return originForm(bytes, pathStart: 0, target: nil)
        }
        if first == HTTPByte.asterisk && bytes.count == 1 {
            guard isOptions else { throw HTTPParseError(.badRequest, "Asterisk-form target is only allowed for OPTIONS") }
            return HTTPRequestTarget(target: "*", path: "*", query: nil)
        }
        return try absoluteForm(bytes)
    }

    /// `absolute-path [ "?" query ]` starting at `pathStart`; an empty path is `/`.
    private static func originForm(_ bytes: UnsafeBufferPointer<UInt8>, pathStart: Int, target: String?) -> HTTPRequestTarget {
        let end = bytes.count
        var questionMark = pathStart
        while questionMark < end && bytes[questionMark] != HTTPByte.question { questionMark += 1 }
        let target = target ?? bytes.string(0..<end)
        let query = questionMark < end ? bytes.string((questionMark + 1)..<end) : nil
        let path: String
        if questionMark == pathStart {
            path = "/"
        } else if pathStart == 0 && query == nil {
            path = target
        } else {
            path = bytes.string(pathStart..<questionMark)
        }
        return HTTPRequestTarget(target: target, path: path, query: query)
    }

    /// `scheme "://" authority path-abempty [ "?" query ]`.
    private static func absoluteForm(_ bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequestTarget {
        let malformed = HTTPParseError(.badRequest, "Malformed request target")
        let end = bytes.count
        guard HTTPByte.isAlpha(bytes[0]) else { throw malformed }
        var i = 1
        while i < end, HTTPByte.isAlpha(bytes[i]) || HTTPByte.isDigit(bytes[i])
            || bytes[i] == 0x2B || bytes[i] == 0x2D || bytes[i] == 0x2E {
            i += 1
        }
        guard i + 2 < end, bytes[i] == HTTPByte.colon, bytes[i + 1] == HTTPByte.slash, bytes[i + 2] == HTTPByte.slash else {
            throw malformed
        }
        let authorityStart = i + 3
        var authorityEnd = authorityStart
        while authorityEnd < end, bytes[authorityEnd] != HTTPByte.slash, bytes[authorityEnd] != HTTPByte.question {
            authorityEnd += 1
        }
        guard HTTPHostSyntax.isValid(bytes.slice(authorityStart..<authorityEnd), allowEmpty: false, requirePort: false) else {
            throw HTTPParseError(.badRequest, "Invalid authority in request target")
        }
        return originForm(bytes, pathStart: authorityEnd, target: bytes.string(0..<end))
    }
}

/// The syntax of `uri-host [ ":" port ]` (RFC 3986 §3.2.2), shared by the
/// Host field and the authority of absolute-form and authority-form targets.
enum HTTPHostSyntax {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, allowEmpty: Bool, requirePort: Bool) -> Bool {
        let end = bytes.count
        if end == 0 { return allowEmpty && !requirePort }
        var i = 0
        if bytes[0] == HTTPByte.openBracket {
            // IP-literal: hex digits, colons, dots (IPv6 with embedded IPv4), or an IPvFuture.
            i = 1
            while i < end, bytes[i] != HTTPByte.closeBracket {
                guard HTTPByte.isRegNameChar(bytes[i]) || bytes[i] == HTTPByte.colon else { return false }
                i += 1
            }
            guard i < end, i > 1 else { return false }
            i += 1
        } else {
            while i < end, bytes[i] != HTTPByte.colon {
                if bytes[i] == HTTPByte.percent {
                    guard i + 2 < end, HTTPByte.hexValue(bytes[i + 1]) != nil, HTTPByte.hexValue(bytes[i + 2]) != nil else {
                        return false
                    }
                    i += 3
                    continue
                }
                guard HTTPByte.isRegNameChar(bytes[i]) else { return false }
                i += 1
            }
            guard i > 0 else { return false }
        }
        if i == end { return !requirePort }
        guard bytes[i] == HTTPByte.colon else { return false }
        i += 1
        if requirePort && i == end { return false }
        while i < end {
            guard HTTPByte.isDigit(bytes[i]) else { return false }
            i += 1
        }
        return true
    }
}
