import HTTPCore

/// The one place where any thrown error becomes an HTTP response.
///
/// `HTTPResponseError`s are rendered as their problem; every other error is a
/// generic 500 whose body says nothing about the cause (descriptions may hold
/// secrets) and whose type and description go to the error log instead. Known
/// errors that map to 500 are logged as well.
public struct ErrorResponder: Sendable {
    public var typeBase: String
    /// Where unexpected errors are reported; nil to drop them.
    public var errorLog: (any LogSink)?

    public init(typeBase: String = ProblemResponses.defaultTypeBase, errorLog: (any LogSink)? = StandardErrorSink()) {
        self.typeBase = typeBase
        self.errorLog = errorLog
    }

    public func response(for error: any Error, context: RequestContext) -> HTTPResponse {
        let known: any HTTPResponseError
        if let error = error as? any HTTPResponseError {
            known = error
            // A known error that still means "the server failed" (corrupt data, an
            // internal store error) is logged too: someone has to look at it.
            if known.status.code == 500 { logUnexpected(error, context: context) }
        } else {
            logUnexpected(error, context: context)
            known = HTTPError.internalServerError()
        }
        var problem = known.problem
        if !context.requestID.isEmpty, !problem.extensions.contains(where: { $0.name == "request_id" }) {
            problem.extensions.append(JSONMember("request_id", .string(context.requestID)))
        }
        return ProblemResponses.response(for: problem, status: known.status, headers: known.headers, typeBase: typeBase)
    }

    private func logUnexpected(_ error: any Error, context: RequestContext) {
        guard let errorLog else { return }
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.field("time", RFC3339.now())
        writer.field("level", "error")
        writer.field("message", "unhandled error")
        writer.field("request_id", context.requestID)
        writer.field("route", context.route)
        writer.field("error_type", String(reflecting: type(of: error)))
        writer.field("error", String(describing: error))
        writer.endObject()
        errorLog.write(line: writer.bytes)
    }
}
