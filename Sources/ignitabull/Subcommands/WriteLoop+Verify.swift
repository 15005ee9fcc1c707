import CypherRuntime
import Engine
import GraphStore
import Persistence
import VectorIndex

/// Checks a data directory written by `write-loop --schema` against everything it acknowledged (the
/// concatenated output of every killed run): each acknowledged item is stored, at its acknowledged version or
/// a later one; each acknowledged index exists unless a drop of it was started; each vector index holds every
/// item's current vector (entry by entry, and found by `db.index.vector.queryNodes` and by the search API) and
/// each range index every item's key (by seek on the index and through a Cypher lookup).
struct SchemaLoopVerifier {
    var items: [Int64: Int64] = [:]  // key -> acknowledged version
    var created: [String] = []
    var dropping: Set<String> = []
    var dropped: Set<String> = []

    init(log: String) {
        for line in log.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count >= 2 else { continue }
            switch f[0] {
            case "ack": if let k = Int64(f[1]) { items[k] = max(items[k] ?? 0, 0) }
            case "set": if f.count == 3, let k = Int64(f[1]), let v = Int64(f[2]) { items[k] = max(items[k] ?? 0, v) }
            case "index": created.append(String(f[1]))
            case "dropping": dropping.insert(String(f[1]))
            case "dropped": dropped.insert(String(f[1]))
            default: continue
            }
        }
    }

    static func floats(_ v: PropertyValue?) -> [Float]? {
        switch v {
        case .vector(let f): f
        case .list(let items): items.map { Float($0.numericValue ?? .nan) }
        default: nil
        }
    }

    struct Figures {
        var lostItems = 0, staleItems = 0, tornItems = 0
        var lostIndexes = 0, resurrected = 0
        var vectorEntries = 0, missingEntries = 0, searchMisses = 0, cypherSearches = 0
        var rangeEntries = 0, missingRangeEntries = 0
        var losses: Int { lostItems + staleItems + tornItems + lostIndexes + resurrected + missingEntries + searchMisses + missingRangeEntries }
    }

    func verify(_ db: Database) throws -> (Figures, String) {
        var f = Figures()
        let s = db.graph.snapshot
        var stored: [Int64: (node: NodeID, ver: Int64)] = [:]
        if let label = s.catalog.label("Item") {
            for n in s.nodes(label: label) {
                guard let k = s.property(n, "key")?.intValue, let v = s.property(n, "ver")?.intValue else { continue }
                stored[k] = (n, v)
                for (which, p) in ["emb_a", "emb_b"].enumerated() {
                    let expected = SchemaWriteLoop.vector(k, v, which).map(Float.init)
                    if Self.floats(s.property(n, p)) != expected { f.tornItems += 1 }
                }
            }
        }
        for (k, v) in items {
            guard let have = stored[k] else { f.lostItems += 1; continue }
            if have.ver < v { f.staleItems += 1 }
        }
        let vectorNames = Set(db.vectorIndexes.all.map(\.definition.name))
        let rangeNames = Set(s.propertyIndexes.map(\.name))
        for name in created where !dropping.contains(name) && !vectorNames.contains(name) && !rangeNames.contains(name) {
            f.lostIndexes += 1
        }
        f.resurrected = dropped.filter { vectorNames.contains($0) || rangeNames.contains($0) }.count
        for e in db.vectorIndexes.all {
            let which = e.definition.property == "emb_a" ? 0 : 1
            for (i, (k, item)) in stored.sorted(by: { $0.key < $1.key }).enumerated() {
                f.vectorEntries += 1
                if !e.index.contains(item.node.rawValue) { f.missingEntries += 1 }
                let v = SchemaWriteLoop.vector(k, item.ver, which)
                let hit = try db.similarNodes(index: e.definition.name, to: v.map(Float.init), k: 1).first?.node
                if hit != item.node { f.searchMisses += 1 }
                if i % 10 == 0 {
                    f.cypherSearches += 1
                    let r = try db.query(
                        "CALL db.index.vector.queryNodes($i, 1, $v) YIELD node RETURN node.key",
                        parameters: ["i": .string(e.definition.name), "v": SchemaWriteLoop.parameter(v)])
                    if r.rows.first?.first != .int(k) { f.searchMisses += 1 }
                }
            }
        }
        for index in s.propertyIndexes {
            for (i, (k, item)) in stored.sorted(by: { $0.key < $1.key }).enumerated() {
                f.rangeEntries += 1
                if !index.nodes(equalTo: .int(k)).contains(item.node) { f.missingRangeEntries += 1 }
                if i % 10 == 0 {
                    let r = try db.query("MATCH (n:Item) WHERE n.key = $k RETURN n.ver", parameters: ["k": .int(k)])
                    if r.rows.first?.first != .int(item.ver) { f.missingRangeEntries += 1 }
                }
            }
        }
        let report = """
            items acknowledged \(items.count), stored \(stored.count), lost \(f.lostItems), \
            behind their acknowledged version \(f.staleItems), vectors not matching their version \(f.tornItems)
            indexes acknowledged \(created.count) (drop started for \(dropping.count)), present now \
            \(vectorNames.count) vector + \(rangeNames.count) range, lost \(f.lostIndexes), dropped but present \(f.resurrected)
            vector index entries checked \(f.vectorEntries), missing \(f.missingEntries), \
            searches not finding their item \(f.searchMisses) (\(f.cypherSearches) through queryNodes)
            range index entries checked \(f.rangeEntries), missing \(f.missingRangeEntries)
            losses: \(f.losses)
            """
        return (f, report)
    }
}
