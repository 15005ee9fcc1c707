import Embeddings
import Engine
import GraphStore
import Persistence
import VectorIndex

/// The demo's product embeddings: each product's description embedded with all-MiniLM-L6-v2 into
/// `Product.embedding`, and the vector index `product_embedding` over them.
enum DemoEmbeddings {
    static let indexName = "product_embedding"

    /// Embeds the products and creates the index, unless an index over Product exists already or
    /// the model is absent (then says how to fetch it).
    static func ensure(_ db: Database, modelDirectory: String?) throws {
        guard !db.vectorIndexes.all.contains(where: { $0.definition.label == "Product" }) else { return }
        let s = db.graph.snapshot
        guard let label = s.catalog.label("Product") else { return }
        let products = s.nodes(label: label)
        guard !products.isEmpty else { return }
        let directory = modelDirectory ?? ModelStore.defaultCacheDirectory
        guard ModelStore.isComplete(directory) else {
            Output.write(1, "products not embedded: the MiniLM model is not in \(directory); run `\(ModelStore.fetchCommand)` "
                + "and restart with --demo to enable similar products and text search\n")
            return
        }
        let embedder = try MiniLMEmbedder(modelDirectory: directory, threads: 2)
        let texts = products.map { n in
            s.property(n, "description")?.stringValue ?? s.property(n, "name")?.stringValue ?? s.property(n, "id")?.stringValue ?? ""
        }
        let bar = ProgressBar(title: "embedding \(products.count) product descriptions")
        let vectors = embedder.encode(texts) { bar.update(done: $0, total: $1) }
        bar.finish()
        try db.graph.write { txn in
            let key = try txn.propertyKey("embedding")
            for (n, v) in zip(products, vectors) { try txn.setProperty(n, key, .vector(v)) }
        }
        let e = try db.createVectorIndex(name: indexName, label: "Product", property: "embedding", dimensions: embedder.dimension)
        Output.write(1, "embedded \(products.count) products; vector index \(indexName): \(e.index.count) vectors, \(e.index.lists) lists\n")
    }
}
