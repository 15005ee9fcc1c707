public import GraphImport
public import GraphStore
public import Recommend

/// The engine's façade: one graph and the operations the CLI and (later) the server call.
///
/// Until the storage issue lands, a database lives in memory for the life of the process.
public final class Database: Sendable {
    /// The property graph.
    public let graph: GraphStore

    public init() {
        graph = GraphStore()
    }

    /// Imports the UCI Online Retail file (plain or gzip) in one transaction: all or nothing.
    public func importOnlineRetail(
        path: String, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> OnlineRetailReport {
        try graph.write { txn in try OnlineRetailImporter.run(path: path, into: &txn, progress: progress) }
    }

    /// Imports neo4j-admin style CSV files in one transaction: all or nothing.
    public func importCSV(
        nodes: [NodeFile], relationships: [RelationshipFile], importer: Neo4jAdminImporter = Neo4jAdminImporter(),
        progress: (@Sendable (String, Int, Int) -> Void)? = nil
    ) throws -> CSVImportReport {
        try graph.write { txn in try importer.run(nodes: nodes, relationships: relationships, into: &txn, progress: progress) }
    }

    /// Generates a synthetic recommendation graph in one transaction.
    public func generate(
        _ config: SyntheticGraphConfig, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> WriteStatistics {
        try graph.write { txn in try SyntheticGraphGenerator.run(config, into: &txn, progress: progress) }
    }

    /// Counts, degree distributions and memory of the current graph.
    public func statistics() -> GraphStatistics { graph.snapshot.statistics() }

    /// The products most often bought by the co-buyers of the customer whose `id` is `customerID`.
    /// - Returns: nil when there is no such customer or no `PURCHASED` relationship type.
    public func coPurchases(customerID: String, limit: Int = 10) -> CoPurchase.Result? {
        let s = graph.snapshot
        guard let c = s.lookup(label: "Customer", key: "id", value: .string(customerID)),
            let purchased = s.catalog.relationshipType("PURCHASED")
        else { return nil }
        var counter = CoPurchase(snapshot: s, type: purchased)
        return counter.scores(for: c, limit: limit)
    }
}
