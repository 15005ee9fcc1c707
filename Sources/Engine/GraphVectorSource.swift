public import GraphStore
import Persistence
public import VectorIndex

/// The float32 vectors of an index's nodes as one graph snapshot holds them: the exact re-rank reads
/// them here, so the index keeps only its 8-bit codes (no second float32 copy in memory).
struct GraphVectorSource: VectorSource {
    let snapshot: GraphSnapshot
    let label: LabelID?
    let key: PropertyKeyID?

    init(snapshot: GraphSnapshot, label: String, property: String) {
        self.snapshot = snapshot
        self.label = snapshot.catalog.label(label)
        self.key = snapshot.catalog.propertyKey(property)
    }

    func withVector(_ id: VectorID, _ body: (UnsafeBufferPointer<Float>) -> Void) -> Bool {
        let n = NodeID(id)
        guard let label, let key, snapshot.contains(n), snapshot.hasLabel(n, label) else { return false }
        switch snapshot.property(n, key) {
        case .vector(let f):
            f.withUnsafeBufferPointer(body)
            return true
        case let other:
            guard let v = VectorIndexes.vector(other) else { return false }
            v.withUnsafeBufferPointer(body)
            return true
        }
    }
}

extension VectorIndexes.Entry {
    /// Searches the index and re-ranks the candidates on the nodes' float32 vectors in `snapshot`, so
    /// every returned score is the exact cosine of the query and the node's stored vector.
    public func search(
        _ query: [Float], k: Int, options: SearchOptions, filter: SearchFilter? = nil, snapshot: GraphSnapshot
    ) throws(VectorIndexError) -> [SearchHit] {
        let source = GraphVectorSource(snapshot: snapshot, label: definition.label, property: definition.property)
        return try index.search(query, k: k, options: options, filter: filter, vectors: source)
    }

    /// The `k` of `nodes` most similar to `query`, scored exactly on their vectors in `snapshot`, without scanning
    /// the index's lists (`IVFFlatIndex.searchAmong`).
    public func search(
        _ query: [Float], k: Int, among nodes: [NodeID], filter: SearchFilter? = nil, snapshot: GraphSnapshot
    ) throws(VectorIndexError) -> [SearchHit] {
        let source = GraphVectorSource(snapshot: snapshot, label: definition.label, property: definition.property)
        return try index.searchAmong(nodes.map { VectorID($0.rawValue) }, query: query, k: k, filter: filter, vectors: source)
    }
}
