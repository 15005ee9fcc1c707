import GraphStore
import Neo4jMirror

/// A graph in comparable form: every node as "labels|properties" and every relationship as
/// "type|source|target|properties", keyed by the source's id (on a mirror target, the id held in the
/// mirror key; the key's label and property are left out). Vectors count as lists of floats.
struct GraphDigest: Equatable, CustomStringConvertible {
    var nodes: [Int64: String] = [:]
    var relationships: [Int64: String] = [:]
    /// Nodes or relationships that shared one key (a mirror that applied a write twice).
    var duplicates = 0
    /// Entities on a target without a mirror key.
    var unkeyed = 0

    var labelCounts: [String: Int] {
        var out: [String: Int] = [:]
        for text in nodes.values {
            for l in text.prefix(while: { $0 != "|" }).split(separator: ",") { out[String(l), default: 0] += 1 }
        }
        return out
    }

    var typeCounts: [String: Int] {
        var out: [String: Int] = [:]
        for text in relationships.values { out[String(text.prefix(while: { $0 != "|" })), default: 0] += 1 }
        return out
    }

    /// A checksum over everything (FNV-1a over the sorted entries).
    var checksum: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ s: String) { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        for k in nodes.keys.sorted() { feed("n\(k):\(nodes[k]!)\n") }
        for k in relationships.keys.sorted() { feed("r\(k):\(relationships[k]!)\n") }
        return h
    }

    var description: String { "\(nodes.count) nodes, \(relationships.count) relationships, checksum \(checksum)" }

    /// The digest of a source graph.
    init(source s: GraphSnapshot) {
        s.forEachNode { n in nodes[Int64(n.rawValue)] = Self.node(s, n, skip: nil) }
        for i in 0..<s.relationshipIDLimit where s.contains(RelationshipID(i)) {
            let r = RelationshipID(i)
            relationships[Int64(i)] = Self.relationship(
                s, r, source: Int64(s.source(of: r).rawValue), target: Int64(s.target(of: r).rawValue), skip: nil)
        }
    }

    /// The digest of a mirror target, through its key.
    init(target s: GraphSnapshot, key: MirrorKey = MirrorKey()) {
        func id(_ props: [String: PropertyValue]) -> Int64? { props[key.property]?.intValue }
        var nodeKey: [NodeID: Int64] = [:]
        s.forEachNode { n in
            if s.labelNames(of: n).contains(MirrorFence.label) { return }  // the mirror's own bookkeeping
            guard let k = id(s.propertyDictionary(of: n)) else {
                unkeyed += 1
                return
            }
            nodeKey[n] = k
            if nodes[k] != nil { duplicates += 1 }
            nodes[k] = Self.node(s, n, skip: key)
        }
        for i in 0..<s.relationshipIDLimit where s.contains(RelationshipID(i)) {
            let r = RelationshipID(i)
            var props: [String: PropertyValue] = [:]
            for e in s.properties(of: r).entries { props[s.catalog.name(of: e.key)] = e.value }
            guard let k = id(props), let a = nodeKey[s.source(of: r)], let b = nodeKey[s.target(of: r)] else {
                unkeyed += 1
                continue
            }
            if relationships[k] != nil { duplicates += 1 }
            relationships[k] = Self.relationship(s, r, source: a, target: b, skip: key)
        }
    }

    private static func node(_ s: GraphSnapshot, _ n: NodeID, skip: MirrorKey?) -> String {
        let labels = s.labelNames(of: n).filter { $0 != skip?.label }.sorted().joined(separator: ",")
        var props = s.propertyDictionary(of: n)
        if let skip { props[skip.property] = nil }
        return labels + "|" + text(.map(props))
    }

    private static func relationship(_ s: GraphSnapshot, _ r: RelationshipID, source: Int64, target: Int64, skip: MirrorKey?) -> String {
        var props: [String: PropertyValue] = [:]
        for e in s.properties(of: r).entries { props[s.catalog.name(of: e.key)] = e.value }
        if let skip { props[skip.property] = nil }
        return "\(s.typeName(of: r))|\(source)|\(target)|" + text(.map(props))
    }

    static func text(_ v: PropertyValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .int(let i): "i\(i)"
        case .double(let d): "d\(d)"
        case .string(let s): "s\(s.debugDescription)"
        case .list(let l): "[" + l.map(text).joined(separator: ",") + "]"
        case .vector(let f): "[" + f.map { text(.double(Double($0))) }.joined(separator: ",") + "]"
        case .map(let m): "{" + m.keys.sorted().map { "\($0.debugDescription):\(text(m[$0]!))" }.joined(separator: ",") + "}"
        }
    }
}
