import HashTreeCollections

/// Edges to add to an adjacency list in bulk: three parallel arrays.
public struct EdgeBatch: Sendable {
    public var nodes: [UInt32] = []
    public var neighbors: [UInt32] = []
    public var relationships: [UInt32] = []

    public init() {}

    public var count: Int { nodes.count }

    public mutating func reserveCapacity(_ n: Int) {
        nodes.reserveCapacity(n)
        neighbors.reserveCapacity(n)
        relationships.reserveCapacity(n)
    }

    public mutating func append(node: UInt32, neighbor: UInt32, relationship: UInt32) {
        nodes.append(node)
        neighbors.append(neighbor)
        relationships.append(relationship)
    }
}

extension AdjacencyList {
    /// A new list with an empty delta: the live base entries, the delta's additions and
    /// `extra`, in that order for each node. This is both compaction and the bulk-load path.
    ///
    /// - Complexity: O(entries + span) with a counting sort; no comparison sort.
    func rebuilt(adding extra: EdgeBatch = EdgeBatch(), isLive: (UInt32) -> Bool) -> AdjacencyList {
        // The node range the new base must cover.
        var lo = Int.max
        var hi = Int.min
        if base.entryCount > 0 {
            lo = base.firstNode
            hi = base.firstNode + base.span - 1
        }
        let touched = deltaNodes
        for n in touched {
            lo = min(lo, Int(n))
            hi = max(hi, Int(n))
        }
        for n in extra.nodes {
            lo = min(lo, Int(n))
            hi = max(hi, Int(n))
        }
        guard lo <= hi else { return AdjacencyList() }
        let span = hi - lo + 1

        // Count entries per node.
        var offsets = [UInt32](repeating: 0, count: span + 1)
        let removals = hasBaseRemovals
        offsets.withUnsafeMutableBufferPointer { off in
            if base.entryCount > 0 {
                for slot in 0..<base.span {
                    let node = base.firstNode + slot
                    let r = base.range(of: node)
                    var c = r.count
                    if removals, let d = delta[UInt32(node)], d.removedFromBase > 0 {
                        c = 0
                        base.withEntries { e in
                            for i in r where isLive(e.relationship(i)) { c += 1 }
                        }
                    }
                    off[node - lo + 1] &+= UInt32(c)
                }
            }
            for n in touched {
                if let d = delta[n] { off[Int(n) - lo + 1] &+= UInt32(d.added.count) }
            }
            for n in extra.nodes { off[Int(n) - lo + 1] &+= 1 }
            for i in 0..<span { off[i + 1] &+= off[i] }
        }
        let total = Int(offsets[span])
        var neighbors = [UInt32](repeating: 0, count: total)
        var rels = [UInt32](repeating: 0, count: total)
        var cursor = offsets

        neighbors.withUnsafeMutableBufferPointer { nb in
            rels.withUnsafeMutableBufferPointer { rb in
                cursor.withUnsafeMutableBufferPointer { cur in
                    if base.entryCount > 0 {
                        base.withEntries { e in
                            for slot in 0..<base.span {
                                let node = base.firstNode + slot
                                let r = base.range(of: node)
                                if r.isEmpty { continue }
                                let check = removals && (delta[UInt32(node)]?.removedFromBase ?? 0) > 0
                                var c = Int(cur[node - lo])
                                for i in r where !check || isLive(e.relationship(i)) {
                                    nb[c] = e.neighbor(i)
                                    rb[c] = e.relationship(i)
                                    c += 1
                                }
                                cur[node - lo] = UInt32(c)
                            }
                        }
                    }
                    for n in touched {
                        guard let d = delta[n] else { continue }
                        var c = Int(cur[Int(n) - lo])
                        for e in d.added {
                            nb[c] = e.neighbor
                            rb[c] = e.relationship
                            c += 1
                        }
                        cur[Int(n) - lo] = UInt32(c)
                    }
                    extra.nodes.withUnsafeBufferPointer { en in
                        extra.neighbors.withUnsafeBufferPointer { enb in
                            extra.relationships.withUnsafeBufferPointer { er in
                                for i in 0..<en.count {
                                    let slot = Int(en[i]) - lo
                                    let c = Int(cur[slot])
                                    nb[c] = enb[i]
                                    rb[c] = er[i]
                                    cur[slot] = UInt32(c + 1)
                                }
                            }
                        }
                    }
                }
            }
        }
        return AdjacencyList(
            base: CompressedAdjacency(firstNode: lo, offsets: offsets, neighbors: neighbors, relationships: rels))
    }
}
