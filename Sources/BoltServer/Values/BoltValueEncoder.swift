import CypherRuntime
import GraphStore

/// Turns runtime values into PackStream, resolving node and relationship ids against the result's snapshot.
///
/// Bolt 5 sends element ids with every entity and date-times as UTC instants (`I`, `i`); Bolt 4.4 sends
/// neither, and uses the legacy local-time date-times (`F`, `f`) unless the client asked for the `utc` patch.
struct BoltValueEncoder {
    let snapshot: GraphSnapshot
    let elementIDs: Bool
    let utcDateTimes: Bool

    init(snapshot: GraphSnapshot, version: BoltVersion, utcPatch: Bool) {
        self.snapshot = snapshot
        self.elementIDs = version.hasElementIDs
        self.utcDateTimes = version.hasElementIDs || utcPatch
    }

    func encode(_ v: Value) -> PackValue {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .float(let d): .float(d)
        case .string(let s): .string(s)
        case .list(let l): .list(l.map(encode))
        case .map(let m): .map(m.sorted { $0.key < $1.key }.map { ($0.key, encode($0.value)) })
        case .node(let n): node(n)
        case .relationship(let r): relationship(r)
        case .path(let nodes, let rels): path(nodes, rels)
        case .temporal(let t): temporal(t)
        }
    }

    private func properties(_ map: PropertyMap) -> PackValue {
        .map(map.map { (snapshot.catalog.name(of: $0.key), encode(Value($0.value))) })
    }

    func node(_ n: NodeID) -> PackValue {
        let alive = snapshot.contains(n)
        var fields: [PackValue] = [
            .int(Int64(n.rawValue)), .list(alive ? snapshot.labelNames(of: n).map(PackValue.string) : []),
            alive ? properties(snapshot.properties(of: n)) : .map([]),
        ]
        if elementIDs { fields.append(.string(ElementID.node(n))) }
        return .structure(tag: StructureTag.node, fields: fields)
    }

    func relationship(_ r: RelationshipID) -> PackValue {
        let alive = snapshot.contains(r)
        let s = alive ? snapshot.source(of: r) : NodeID(UInt32(0))
        let t = alive ? snapshot.target(of: r) : NodeID(UInt32(0))
        var fields: [PackValue] = [
            .int(Int64(r.rawValue)), .int(Int64(s.rawValue)), .int(Int64(t.rawValue)),
            .string(alive ? snapshot.typeName(of: r) : ""), alive ? properties(snapshot.properties(of: r)) : .map([]),
        ]
        if elementIDs {
            fields += [.string(ElementID.relationship(r)), .string(ElementID.node(s)), .string(ElementID.node(t))]
        }
        return .structure(tag: StructureTag.relationship, fields: fields)
    }

    func unboundRelationship(_ r: RelationshipID) -> PackValue {
        let alive = snapshot.contains(r)
        var fields: [PackValue] = [
            .int(Int64(r.rawValue)), .string(alive ? snapshot.typeName(of: r) : ""),
            alive ? properties(snapshot.properties(of: r)) : .map([]),
        ]
        if elementIDs { fields.append(.string(ElementID.relationship(r))) }
        return .structure(tag: StructureTag.unboundRelationship, fields: fields)
    }

    /// `P(nodes, relationships, indices)`: distinct nodes and relationships, then for each step the
    /// 1-based relationship index (negative when walked against its direction) and the 0-based node index.
    func path(_ nodes: [NodeID], _ rels: [RelationshipID]) -> PackValue {
        var nodeList: [NodeID] = []
        var nodeIndex: [NodeID: Int] = [:]
        var relList: [RelationshipID] = []
        var relIndex: [RelationshipID: Int] = [:]
        func index(_ n: NodeID) -> Int {
            if let i = nodeIndex[n] { return i }
            nodeIndex[n] = nodeList.count
            nodeList.append(n)
            return nodeList.count - 1
        }
        if let first = nodes.first { _ = index(first) }
        var indices: [PackValue] = []
        for (i, r) in rels.enumerated() where i + 1 < nodes.count {
            let ri: Int
            if let known = relIndex[r] {
                ri = known
            } else {
                relList.append(r)
                ri = relList.count
                relIndex[r] = ri
            }
            let forward = !snapshot.contains(r) || snapshot.source(of: r) == nodes[i]
            indices.append(.int(Int64(forward ? ri : -ri)))
            indices.append(.int(Int64(index(nodes[i + 1]))))
        }
        return .structure(
            tag: StructureTag.path,
            fields: [.list(nodeList.map(node)), .list(relList.map(unboundRelationship)), .list(indices)])
    }

    func temporal(_ t: Temporal) -> PackValue {
        let nanosPerSecond: Int64 = 1_000_000_000
        switch t.kind {
        case .date:
            return .structure(tag: StructureTag.date, fields: [.int(t.epochDay)])
        case .localTime:
            return .structure(tag: StructureTag.localTime, fields: [.int(t.nanoOfDay)])
        case .time:
            return .structure(tag: StructureTag.time, fields: [.int(t.nanoOfDay), .int(Int64(t.offset))])
        case .localDateTime:
            let seconds = t.epochDay * 86_400 + t.nanoOfDay / nanosPerSecond
            return .structure(tag: StructureTag.localDateTime, fields: [.int(seconds), .int(t.nanoOfDay % nanosPerSecond)])
        case .dateTime:
            let local = t.epochDay * 86_400 + t.nanoOfDay / nanosPerSecond
            let nanos = PackValue.int(t.nanoOfDay % nanosPerSecond)
            if utcDateTimes {
                let utc = PackValue.int(local - Int64(t.offset))
                if let zone = t.zone { return .structure(tag: StructureTag.dateTimeZoneID, fields: [utc, nanos, .string(zone)]) }
                return .structure(tag: StructureTag.dateTime, fields: [utc, nanos, .int(Int64(t.offset))])
            }
            if let zone = t.zone {
                return .structure(tag: StructureTag.legacyDateTimeZoneID, fields: [.int(local), nanos, .string(zone)])
            }
            return .structure(tag: StructureTag.legacyDateTime, fields: [.int(local), nanos, .int(Int64(t.offset))])
        case .duration:
            return .structure(
                tag: StructureTag.duration, fields: [.int(t.months), .int(t.days), .int(t.seconds), .int(t.nanos)])
        }
    }
}
