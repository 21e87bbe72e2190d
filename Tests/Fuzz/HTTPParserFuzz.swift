// libFuzzer entry for the HTTP/1.1 request parser.
//
// Built outside SwiftPM, in one module with the HTTPCore sources (hence no
// `import HTTPCore`); see run-fuzz.sh. Each input is parsed with two sets of
// limits and several split patterns; any difference between the patterns, any
// event out of order or any body that disagrees with its Content-Length is a
// crash.

/// What the parser made of an input, with body events merged so that
/// different split patterns can be compared.
struct FuzzTranscript: Equatable {
    var lines: [String] = []
    var body: [UInt8] = []
    var inRequest = false
    var expectedBodyLength: Int?

    mutating func record(_ event: HTTPParserEvent) {
        switch event {
        case .head(let head):
            precondition(!inRequest, "head inside a request")
            inRequest = true
            let headers = head.headers.map { "\($0.name)=\($0.value)" }.joined(separator: "|")
            lines.append("head \(head.method) \(head.target) \(head.path) \(head.query ?? "-") \(head.version.text) \(headers)")
            precondition(head.path.hasPrefix("/") || head.path == "*", "path must start with / or be *")
            let hasTransferEncoding = head.headers.contains("Transfer-Encoding")
            expectedBodyLength = hasTransferEncoding ? nil : Int(head.headers["Content-Length"]?.split(separator: ",").first?.trimmingASCIISpaces() ?? "0")
        case .body(let bytes):
            precondition(inRequest, "body outside a request")
            precondition(!bytes.isEmpty, "empty body event")
            body += bytes
        case .end:
            precondition(inRequest, "end outside a request")
            if let expectedBodyLength {
                precondition(body.count == expectedBodyLength, "body length differs from Content-Length")
            }
            lines.append("end body=\(body.count) \(body.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) })")
            body = []
            inRequest = false
        }
    }

    /// Feeds `bytes` in pieces of the given sizes (the last piece takes the rest).
    static func run(_ bytes: [UInt8], pieces: [Int], limits: HTTPParserLimits) -> FuzzTranscript {
        var parser = HTTPRequestParser(limits: limits)
        var transcript = FuzzTranscript()
        var offset = 0
        var pieceIndex = 0
        while offset < bytes.count {
            let size = pieceIndex < pieces.count ? max(1, pieces[pieceIndex]) : bytes.count - offset
            let end = min(bytes.count, offset + size)
            bytes.withUnsafeBytes { parser.append(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) }
            offset = end
            pieceIndex += 1
            while true {
                do {
                    guard let event = try parser.next() else { break }
                    transcript.record(event)
                } catch {
                    transcript.lines.append("error \(error.status.code) \(error.reason)")
                    do {
                        _ = try parser.next()
                        preconditionFailure("an error must be sticky")
                    } catch let again {
                        precondition(again == error, "a later call must throw the same error")
                    }
                    precondition(!parser.isBetweenRequests && !parser.isReadingBody)
                    return transcript
                }
            }
        }
        // What is left unfinished is part of the outcome too.
        transcript.lines.append("pending body=\(transcript.body.count) between=\(parser.isBetweenRequests) body=\(parser.isReadingBody)")
        return transcript
    }
}

enum HTTPParserFuzz {
    static let smallLimits: HTTPParserLimits = {
        var limits = HTTPParserLimits()
        limits.maxRequestTargetLength = 32
        limits.maxHeaderLineLength = 40
        limits.maxHeaderCount = 4
        limits.maxBodyLength = 64
        limits.maxChunkLineLength = 16
        return limits
    }()

    static func check(_ bytes: [UInt8]) {
        for limits in [HTTPParserLimits(), smallLimits] {
            let whole = FuzzTranscript.run(bytes, pieces: [], limits: limits)
            var patterns: [[Int]] = [[1], [bytes.count / 2], Array(repeating: 7, count: bytes.count / 7 + 1)]
            if bytes.count <= 512 { patterns.append(Array(repeating: 1, count: bytes.count)) }
            for pieces in patterns {
                let other = FuzzTranscript.run(bytes, pieces: pieces, limits: limits)
                if other != whole {
                    fatalError("split \(pieces.prefix(3)) differs:\n\(other.lines)\nwhole:\n\(whole.lines)")
                }
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func httpParserFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    HTTPParserFuzz.check(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
