import Persistence
import VectorKernels

/// Versions of the engine and of the native libraries it is linked against (the CLI adds
/// libcurl's, which only the mirror links).
public enum EngineInfo {
    public static let version = "0.1.0"
    /// The Neo4j version whose Cypher dialect and HTTP API the engine follows, reported to clients that check it
    /// (`dbms.components()`, the HTTP discovery document).
    public static let neo4jCompatibility = "5.26.0"

    /// One line per component.
    public static var components: [(name: String, version: String)] {
        [
            ("Ignitabull Engine", version),
            ("SQLite", SQLiteLibrary.version),
            ("BLAS", BLAS.configuration),
        ]
    }
}
