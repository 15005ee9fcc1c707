import GraphStore

extension Database {
    /// The dimension of the first `property` vector found on a `label` node, or nil when none has one
    /// yet: what `CREATE VECTOR INDEX` without `vector.dimensions` and `ignitabull index create`
    /// without `--dimensions` use, as Neo4j 5.x does when the option is left out.
    public func vectorDimensions(label: String, property: String) -> Int? {
        let s = graph.snapshot
        guard let l = s.catalog.label(label), let k = s.catalog.propertyKey(property) else { return nil }
        var d: Int?
        s.forEachNode(label: l) { n in
            if d == nil, let v = VectorIndexes.vector(s.property(n, k)) { d = v.count }
        }
        return d
    }
}
