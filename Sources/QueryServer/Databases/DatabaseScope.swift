import Engine

/// What the routes of one database share: the `Database`, its response cache, its statement runner (over the
/// server's one admission control and memory pool) and its open HTTP transactions. One per database, made
/// the first time a request names it and dropped with it.
final class DatabaseScope: Sendable {
    let name: String
    let database: Database
    let cache: ResponseCache
    let statements: StatementRunner
    let transactions: TransactionRegistry

    init(name: String, database: Database, shared: DatabaseScopes.Shared) {
        self.name = name
        self.database = database
        let configuration = shared.configuration
        cache = ResponseCache(budget: configuration.responseCacheBytes)
        statements = StatementRunner(
            database: database, name: name, admission: shared.admission, memoryPool: shared.memoryPool, configuration: configuration)
        transactions = TransactionRegistry(timeout: configuration.transactionTimeout, capacity: configuration.maxOpenTransactions)
    }
}
