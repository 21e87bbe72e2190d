import Foundation

/// One submitted write: its body, and its outcome once finished.
final class WriteUnit: @unchecked Sendable {
    // `body` runs only on the writer thread while the submitter blocks on `done`;
    // `error` is written before `done` is signalled and read after it is awaited.
    // `body` is dropped before signalling: it wraps a non-escaping closure that
    // must be released by the time the submitter returns.
    private var body: ((any SQLConnection) throws -> Void)?
    private(set) var error: Error?
    let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping (any SQLConnection) throws -> Void) { self.body = body }

    func run(_ connection: any SQLConnection) throws {
        guard let body else { throw DatabaseError(.misuse, "write unit ran after it finished") }
        try body(connection)
    }

    func finish(_ error: Error?) {
        self.error = error
        body = nil
        done.signal()
    }
}

/// Carries a body's return value from the writer thread back to its submitter.
final class ResultBox<T>: @unchecked Sendable {
    // Written by the writer thread before the unit's semaphore is signalled.
    var value: T?
}
