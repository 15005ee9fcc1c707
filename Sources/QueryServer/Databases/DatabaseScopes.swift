import CypherRuntime
public import Engine
import Hummingbird
import Synchronization

/// The server's view of `Databases`: resolves the `{db}` of a path to that database's `DatabaseScope`, or 404
/// `Neo.ClientError.Database.DatabaseNotFound`. A scope is made the first time a database is named and
/// forgotten once the database is dropped (its cache and open transactions go with it).
public final class DatabaseScopes: Sendable {
    /// What every scope shares: the server's settings, admission control and memory pool.
    struct Shared: Sendable {
        let configuration: ServerConfiguration
        let admission: QueryAdmission
        let memoryPool: MemoryPool
    }

    public let registry: Databases
    let shared: Shared
    private let scopes = Mutex<[String: DatabaseScope]>([:])

    init(registry: Databases, configuration: ServerConfiguration) {
        self.registry = registry
        let admission = QueryAdmission(
            .init(
                lightWorkers: configuration.lightWorkers, heavyWorkers: configuration.heavyWorkers,
                maxQueued: configuration.maxQueuedQueries, heavyAfter: configuration.heavyQueryAfter))
        shared = Shared(
            configuration: configuration, admission: admission,
            memoryPool: MemoryPool(limit: configuration.queryMemoryPoolBytes))
    }

    /// The scope of the database `name`, or nil when there is none (an invalid name, `system`, a dropped one).
    func scope(named name: String) -> DatabaseScope? {
        guard let database = registry.database(named: name) else { return nil }
        let key = name.lowercased()
        return scopes.withLock { s in
            if let existing = s[key], existing.database === database { return existing }
            let made = DatabaseScope(name: key, database: database, shared: shared)
            s[key] = made
            return made
        }
    }

    /// The scope of the path's `{db}`, or 404 `DatabaseNotFound`.
    func scope(_ context: ServerRequestContext) throws(APIError) -> DatabaseScope {
        let name = context.parameters.get("db") ?? ""
        guard let scope = scope(named: name) else { throw APIError.databaseNotFound(name) }
        return scope
    }

    /// The database of the path's `{db}`, or 404 `DatabaseNotFound`.
    func database(_ context: ServerRequestContext) throws(APIError) -> Database { try scope(context).database }

    /// The scopes made so far for databases that still exist (for `/metrics`), dropping the others.
    var live: [DatabaseScope] {
        let names = Set(registry.names)
        return scopes.withLock { s in
            s = s.filter { names.contains($0.key) && registry.database(named: $0.key) === $0.value.database }
            return s.values.sorted { $0.name < $1.name }
        }
    }
}
