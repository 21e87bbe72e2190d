/// What each backend's pool provides to ``DatabasePool``.
protocol PoolImplementation: Sendable {
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    func write<T>(_ options: TransactionOptions, _ body: (any SQLConnection) throws -> T) throws -> T
    func withConnection<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    func close()
}
