extension GraphSnapshot {
    /// Computes counts per label and type, degree distributions and a memory breakdown.
    /// - Complexity: O(nodes + relationships); meant for reports, not hot paths.
    public func statistics() -> GraphStatistics {
        var s = GraphStatistics()
        s.nodes = nodeCount
        s.relationships = relationshipCount
        for (i, name) in catalog.labelNames.enumerated() {
            s.nodesByLabel.append((name, nodeCount(label: LabelID(UInt16(i)))))
        }
        for (i, name) in catalog.typeNames.enumerated() where i < adjacency.count {
            let a = adjacency[i]
            s.relationshipsByType.append((name, a.outgoing.count, Self.distribution(a.outgoing), Self.distribution(a.incoming)))
        }
        var m = MemoryBreakdown()
        for a in adjacency { m.adjacency += a.outgoing.allocatedBytes + a.incoming.allocatedBytes }
        m.relationshipTable = relSource.allocatedBytes + relTarget.allocatedBytes + relType.allocatedBytes
            + relAlive.allocatedBytes
        m.nodeTable = nodeAlive.allocatedBytes + labelMembers.reduce(0) { $0 + $1.allocatedBytes }
        m.properties = nodeProperties.allocatedBytes + relProperties.allocatedBytes
        for c in constraints {
            // A hash-tree entry: the key, the node id and about two words of tree overhead.
            m.indexes += c.count * (MemoryLayout<PropertyValue>.stride + 4 + 16)
        }
        s.memory = m
        return s
    }

    private static func distribution(_ list: AdjacencyList) -> DegreeDistribution {
        var degrees: [Int] = []
        let base = list.base
        var lo = base.firstNode
        var hi = base.firstNode + base.span
        for n in list.deltaNodes {
            lo = min(lo, Int(n))
            hi = max(hi, Int(n) + 1)
        }
        guard lo < hi else { return DegreeDistribution() }
        for n in lo..<hi {
            let d = list.degree(of: n)
            if d > 0 { degrees.append(d) }
        }
        guard !degrees.isEmpty else { return DegreeDistribution() }
        degrees.sort()
        func pct(_ p: Double) -> Int { degrees[min(degrees.count - 1, Int(Double(degrees.count - 1) * p + 0.5))] }
        var d = DegreeDistribution()
        d.nodes = degrees.count
        d.min = degrees[0]
        d.p50 = pct(0.5)
        d.p90 = pct(0.9)
        d.p99 = pct(0.99)
        d.max = degrees[degrees.count - 1]
        d.mean = Double(degrees.reduce(0, +)) / Double(degrees.count)
        return d
    }
}
