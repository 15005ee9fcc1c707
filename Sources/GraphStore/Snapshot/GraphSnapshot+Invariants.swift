extension GraphSnapshot {
    /// Checks the graph's internal invariants and returns a description of each violation found
    /// (empty when the graph is consistent):
    /// - every live relationship joins two live nodes and appears exactly once in the outgoing list
    ///   of its source and the incoming list of its target, under its type;
    /// - every adjacency entry names a live relationship with the matching ends;
    /// - per-type counts equal the live relationships of that type;
    /// - every uniqueness index holds exactly the live nodes with the label and key, without duplicates.
    /// - Complexity: O(nodes + relationships).
    public func checkInvariants(limit: Int = 20) -> [String] {
        var problems: [String] = []
        func report(_ s: String) { if problems.count < limit { problems.append(s) } }
        var perType = [Int](repeating: 0, count: adjacency.count)
        for r in 0..<relationshipIDLimit where relAlive.contains(r) {
            let rel = RelationshipID(r)
            let (s, t, ty) = (source(of: rel), target(of: rel), type(of: rel))
            if !contains(s) || !contains(t) { report("relationship \(r) joins a deleted node (\(s.rawValue) → \(t.rawValue))") }
            guard ty.index < adjacency.count else {
                report("relationship \(r) has an unknown type \(ty.rawValue)")
                continue
            }
            perType[ty.index] += 1
        }
        for (t, a) in adjacency.enumerated() {
            if a.outgoing.count != perType[t] || a.incoming.count != perType[t] {
                report("type \(catalog.name(of: RelationshipTypeID(UInt16(t)))): \(perType[t]) live relationships but adjacency counts \(a.outgoing.count) out / \(a.incoming.count) in")
            }
            for (direction, list) in [(Direction.outgoing, a.outgoing), (.incoming, a.incoming)] {
                var seen = 0
                forEachNode { n in
                    var entries = 0
                    list.forEach(of: n.index, isLive: { relAlive.contains(Int($0)) }) { neighbor, r in
                        entries += 1
                        let rel = RelationshipID(r)
                        let (near, far) = direction == .outgoing ? (source(of: rel), target(of: rel)) : (target(of: rel), source(of: rel))
                        if !relAlive.contains(Int(r)) || near != n || far.rawValue != neighbor || type(of: rel).index != t {
                            report("adjacency of node \(n.rawValue) lists relationship \(r) wrongly (\(direction))")
                        }
                    }
                    if entries != list.degree(of: n.index) { report("degree of node \(n.rawValue) disagrees with its entries") }
                    seen += entries
                }
                if seen != perType[t] { report("type \(t) \(direction): \(seen) entries reachable from live nodes, \(perType[t]) relationships") }
            }
        }
        for c in constraints {
            var indexed = 0
            forEachNode(label: c.label) { n in
                guard let v = c.tuple(nodeProperties[n.index]) else { return }
                indexed += 1
                if c.lookup(v) != n { report("constraint \(c.name): node \(n.rawValue) is not indexed under its value") }
            }
            if indexed != c.count { report("constraint \(c.name): index holds \(c.count) entries, \(indexed) nodes qualify") }
        }
        return problems
    }
}
