import GraphStore
import Persistence
import Synchronization
import VectorIndex

extension VectorIndexes {
    /// What opening the indexes found damaged and how it was mended, one line each, naming the
    /// index and its file. `Database.check()` reports these, and the CLI prints them as warnings.
    public var repairs: [String] { repairLog.withLock { $0 } }

    func note(_ line: String) { repairLog.withLock { $0.append(line) } }

    /// Throws unless a loaded file has the shape its definition records.
    func requireShape(_ index: IVFFlatIndex, _ d: VectorIndexDefinition, _ path: String) throws {
        guard index.dimension == d.dimensions else {
            throw PersistenceError(.corrupt, file: path, "the file holds \(index.dimension)-d vectors; the index is \(d.dimensions)-d")
        }
    }

    /// Retrains the index `d` from the graph, as `CREATE VECTOR INDEX` did, and saves it, when its
    /// file is missing or damaged. When there is nothing to train on, the index stays defined but
    /// unavailable (queries name it as missing) until it is dropped and created again.
    func rebuild(_ d: VectorIndexDefinition, snapshot s: GraphSnapshot, because why: String) {
        let path = storage.map { $0.path(of: d) } ?? d.file
        do {
            let index = try IVFFlatIndex(dimension: d.dimensions)
            var ids: [VectorID] = []
            var flat: [Float] = []
            if let l = s.catalog.label(d.label), let k = s.catalog.propertyKey(d.property) {
                s.forEachNode(label: l) { n in
                    guard let v = Self.vector(s.property(n, k)), v.count == d.dimensions, Self.indexable(v) else { return }
                    ids.append(n.rawValue)
                    flat.append(contentsOf: v)
                }
            }
            guard !ids.isEmpty else {
                note("vector index `\(d.name)`: \(path) is damaged (\(why)) and no `\(d.label)` node has a vector to rebuild it from;"
                    + " the index is unavailable until it is dropped and created again")
                return
            }
            // As a new index fills: one list first, then trained and calibrated to its recall target.
            try index.train(flat, lists: 1)
            try index.add(ids: ids, vectors: flat)
            try index.maintain()
            try save(Entry(definition: d, index: index))
            note("vector index `\(d.name)`: \(path) was damaged (\(why)); rebuilt from the graph with \(ids.count) vectors")
        } catch {
            note("vector index `\(d.name)`: \(path) is damaged (\(why)) and rebuilding it failed: \(error);"
                + " the index is unavailable until it is dropped and created again")
        }
    }

    /// Whether the index takes `v` (finite, not all zero: cosine needs a direction).
    static func indexable(_ v: [Float]) -> Bool { v.allSatisfy(\.isFinite) && v.contains { $0 != 0 } }

    /// Checks every index against the graph: it holds exactly the `label` nodes whose `property`
    /// is a vector it can take. - Returns: the differences found, naming the index and a node.
    func verify(snapshot s: GraphSnapshot) -> [String] {
        var problems: [String] = []
        for e in all {
            let d = e.definition
            var expected = 0
            var missing: [UInt32] = []
            if let l = s.catalog.label(d.label), let k = s.catalog.propertyKey(d.property) {
                s.forEachNode(label: l) { n in
                    guard let v = Self.vector(s.property(n, k)), v.count == d.dimensions, Self.indexable(v) else { return }
                    expected += 1
                    if !e.index.contains(n.rawValue) { missing.append(n.rawValue) }
                }
            }
            if let first = missing.first {
                problems.append("vector index `\(d.name)`: \(missing.count) indexed node(s) are missing from it, e.g. node \(first)")
            }
            if e.index.count != expected - missing.count {
                problems.append(
                    "vector index `\(d.name)` holds \(e.index.count) vectors; the graph has \(expected) `\(d.label)` nodes to index")
            }
        }
        return problems
    }
}
