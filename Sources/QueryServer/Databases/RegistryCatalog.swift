import Access
import Engine

/// The system database's view of the server's `Databases` (CREATE, DROP and SHOW DATABASE): the engine's errors
/// become access errors with Neo4j's codes (`ExistingDatabaseFound`, `DatabaseNotFound`, an invalid name).
struct RegistryCatalog: DatabaseCatalog {
    let databases: Databases

    var databaseNames: [String] { databases.names }

    func createDatabase(_ name: String, ifNotExists: Bool) throws(AccessError) -> Bool {
        do { return try databases.create(name, ifNotExists: ifNotExists) } catch { throw Self.accessError(error) }
    }

    func dropDatabase(_ name: String, ifExists: Bool) throws(AccessError) -> Bool {
        do { return try databases.drop(name, ifExists: ifExists) } catch { throw Self.accessError(error) }
    }

    static func accessError(_ error: any Error) -> AccessError {
        guard let e = error as? EngineError else { return AccessError(.storage, "\(error)") }
        switch e.code {
        case .databaseExists: return AccessError(.databaseExists, e.message)
        case .databaseNotFound: return AccessError(.notFound, e.message)
        case .io: return AccessError(.storage, e.description)
        default: return AccessError(.invalidArgument, e.message)
        }
    }
}
