import ArgumentParser
import Engine

/// `--database NAME`: one of the data directory's databases instead of `neo4j` (the directory itself): locally
/// `DATA/databases/NAME`, through a running server `/db/NAME/…`. The name is checked by Neo4j's rules before it
/// becomes part of any path.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("database"), help: "The database (default neo4j, the data directory itself; others live in DATA/databases/NAME).")
    var name: String?

    func validate() throws {
        guard let name else { return }
        let checked: DatabaseName
        do { checked = try DatabaseName(name) } catch { throw ValidationError("--database: \(error.message)") }
        guard checked != .system else { throw ValidationError("--database: system holds users and databases, not a graph") }
    }

    /// The lower-cased name (`neo4j` when not given).
    var resolved: String { name.flatMap { try? DatabaseName($0).rawValue } ?? DatabaseName.defaultName.rawValue }
}
