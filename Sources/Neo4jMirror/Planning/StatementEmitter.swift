import GraphStore
import Persistence

/// Writes the statements for one `NetChanges` (see ``MirrorPlanner``).
struct StatementEmitter {
    let key: MirrorKey
    let catalog: Catalog
    private(set) var statements: [MirrorStatement] = []

    init(key: MirrorKey, catalog: Catalog) {
        self.key = key
        self.catalog = catalog
    }

    private var k: String { Cypher.name(key.property) }
    private var nodeMatch: String { "(n:\(Cypher.name(key.label)) {\(k): row.id})" }

    /// Appends a statement, or rows to a pending statement of the same text.
    private mutating func add(_ text: String, _ rows: [[String: PropertyValue]]) {
        guard !rows.isEmpty else { return }
        statements.append(MirrorStatement(text, rows: rows))
    }

    // MARK: Names and values

    private func label(_ l: LabelID) throws(MirrorError) -> String {
        guard l.index < catalog.labelNames.count else { throw MirrorError(.storage, "label id \(l.rawValue) has no name") }
        let name = catalog.name(of: l)
        guard name != key.label else {
            throw MirrorError(.unsupported, "the label \(name) is reserved for the mirror's key; rename it or choose another key label")
        }
        return name
    }

    private func type(_ t: RelationshipTypeID) throws(MirrorError) -> String {
        guard t.index < catalog.typeNames.count else { throw MirrorError(.storage, "relationship type id \(t.rawValue) has no name") }
        return catalog.name(of: t)
    }

    /// Neo4j's statement for a node key, a uniqueness constraint on several properties or an existence constraint.
    /// (Neo4j documents node keys and existence constraints as Enterprise Edition features.)
    private func constraintStatement(_ rule: ConstraintRule) throws(MirrorError) -> String {
        let head = "CREATE CONSTRAINT \(Cypher.name(rule.name)) IF NOT EXISTS FOR "
        guard let token = UInt16(exactly: rule.token) else { throw MirrorError(.storage, "token id \(rule.token) is out of range") }
        let v = rule.kind == .relationshipExistence ? "r" : "n"
        var props: [String] = []
        for k in rule.keys { props.append("\(v).\(Cypher.name(try propertyName(k)))") }
        switch rule.kind {
        case .uniqueness:
            return head + "(n:\(Cypher.name(try label(LabelID(token))))) REQUIRE (\(props.joined(separator: ", "))) IS UNIQUE"
        case .nodeKey:
            return head + "(n:\(Cypher.name(try label(LabelID(token))))) REQUIRE (\(props.joined(separator: ", "))) IS NODE KEY"
        case .nodeExistence:
            return head + "(n:\(Cypher.name(try label(LabelID(token))))) REQUIRE \(props[0]) IS NOT NULL"
        case .relationshipExistence:
            return head + "()-[r:\(Cypher.name(try type(RelationshipTypeID(token))))]-() REQUIRE \(props[0]) IS NOT NULL"
        }
    }

    private func propertyName(_ p: PropertyKeyID) throws(MirrorError) -> String {
        guard Int(p.rawValue) < catalog.keyNames.count else { throw MirrorError(.storage, "property key id \(p.rawValue) has no name") }
        let name = catalog.name(of: p)
        guard name != key.property else {
            throw MirrorError(.unsupported, "the property \(name) is reserved for the mirror's key; rename it or choose another key property")
        }
        return name
    }

    private func value(_ v: PropertyValue, _ what: @autoclosure () -> String) throws(MirrorError) -> PropertyValue {
        switch v {
        case .double(let d) where !d.isFinite:
            throw MirrorError(.unsupported, "\(what()) is \(d), which JSON (Neo4j's HTTP API) cannot carry")
        case .map:
            throw MirrorError(.unsupported, "\(what()) is a temporal or map value, which the mirror does not carry yet")
        case .list(let items):
            var out: [PropertyValue] = []
            for i in items { out.append(try value(i, what())) }
            return .list(out)
        case .vector(let f):
            return .list(f.map { .double(Double($0)) })
        default:
            return v
        }
    }

    private func properties(_ props: [PropertyKeyID: PropertyValue], id: UInt32, what: String) throws(MirrorError)
        -> PropertyValue
    {
        var map: [String: PropertyValue] = [key.property: .int(Int64(id))]
        for (p, v) in props where !v.isNull {
            let name = try propertyName(p)
            map[name] = try value(v, "property \(name) of \(what) \(id)")
        }
        return .map(map)
    }

    // MARK: Emission

    mutating func emit(_ net: NetChanges, known: [RelationshipID: ConsumerRelationship]) throws(MirrorError) {
        try emitSchema(net.schema)
        let keyLabel = Cypher.name(key.label)
        // Relationship deletes, by type (unknown ones by their key alone). One created and deleted within
        // the batch is deleted too: an earlier delivery of a shorter batch, whose outcome was unknown, may
        // have created it on the target.
        var relDeletes: [String: [[String: PropertyValue]]] = [:]
        var unknownDeletes: [[String: PropertyValue]] = []
        for r in net.relationshipOrder {
            let rel = net.relationships[r]!
            guard rel.deleted else { continue }
            if rel.created {
                relDeletes[try type(rel.type), default: []].append(["id": .int(Int64(r.rawValue)), "s": .int(Int64(rel.source.rawValue))])
            } else if let at = known[r] {
                relDeletes[try type(at.type), default: []].append(["id": .int(Int64(r.rawValue)), "s": .int(Int64(at.source.rawValue))])
            } else {
                unknownDeletes.append(["id": .int(Int64(r.rawValue))])
            }
        }
        for t in relDeletes.keys.sorted() {
            add(
                "UNWIND $rows AS row MATCH (a:\(keyLabel) {\(k): row.s})-[r:\(Cypher.name(t))]->() WHERE r.\(k) = row.id DELETE r",
                relDeletes[t]!)
        }
        add("UNWIND $rows AS row MATCH ()-[r]->() WHERE r.\(k) = row.id DELETE r", unknownDeletes)

        // Node deletes, including nodes created and deleted within the batch (as above).
        var nodeDeletes: [[String: PropertyValue]] = []
        for n in net.nodeOrder {
            let node = net.nodes[n]!
            if node.deleted { nodeDeletes.append(["id": .int(Int64(n.rawValue))]) }
        }
        add("UNWIND $rows AS row MATCH \(nodeMatch) DETACH DELETE n", nodeDeletes)

        // Node creates, by label set; then changes to existing nodes.
        var creates: [[String]: [[String: PropertyValue]]] = [:]
        var sets: [String: [[String: PropertyValue]]] = [:]
        var adds: [String: [[String: PropertyValue]]] = [:]
        var removes: [String: [[String: PropertyValue]]] = [:]
        for n in net.nodeOrder {
            let node = net.nodes[n]!
            guard !node.deleted else { continue }
            let id = PropertyValue.int(Int64(n.rawValue))
            if node.created {
                var labels: [String] = []
                for (l, on) in node.labels where on { labels.append(try label(l)) }
                creates[labels.sorted(), default: []].append([
                    "id": id, "props": try properties(node.properties, id: n.rawValue, what: "node"),
                ])
                // A label removed within the batch: an earlier delivery may have set it (as above).
                for (l, on) in node.labels where !on { removes[try label(l), default: []].append(["id": id]) }
                continue
            }
            for (p, v) in node.properties {
                let name = try propertyName(p)
                sets[name, default: []].append(["id": id, "v": try value(v, "property \(name) of node \(n.rawValue)")])
            }
            for (l, on) in node.labels {
                if on { adds[try label(l), default: []].append(["id": id]) } else { removes[try label(l), default: []].append(["id": id]) }
            }
        }
        for labels in creates.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let setLabels = labels.isEmpty ? "" : ", n:" + labels.map(Cypher.name).joined(separator: ":")
            add("UNWIND $rows AS row MERGE (n:\(keyLabel) {\(k): row.id}) SET n = row.props\(setLabels)", creates[labels]!)
        }
        for p in sets.keys.sorted() { add("UNWIND $rows AS row MATCH \(nodeMatch) SET n.\(Cypher.name(p)) = row.v", sets[p]!) }
        for l in adds.keys.sorted() { add("UNWIND $rows AS row MATCH \(nodeMatch) SET n:\(Cypher.name(l))", adds[l]!) }
        for l in removes.keys.sorted() { add("UNWIND $rows AS row MATCH \(nodeMatch) REMOVE n:\(Cypher.name(l))", removes[l]!) }

        // Relationship creates, by type; then property changes of existing relationships.
        var relCreates: [String: [[String: PropertyValue]]] = [:]
        var relSets: [String: [String: [[String: PropertyValue]]]] = [:]
        var unknownSets: [String: [[String: PropertyValue]]] = [:]
        for r in net.relationshipOrder {
            let rel = net.relationships[r]!
            guard !rel.deleted else { continue }
            let id = PropertyValue.int(Int64(r.rawValue))
            if rel.created {
                relCreates[try type(rel.type), default: []].append([
                    "id": id, "s": .int(Int64(rel.source.rawValue)), "t": .int(Int64(rel.target.rawValue)),
                    "props": try properties(rel.properties, id: r.rawValue, what: "relationship"),
                ])
                continue
            }
            for (p, v) in rel.properties {
                let name = try propertyName(p)
                let v = try value(v, "property \(name) of relationship \(r.rawValue)")
                if let at = known[r] {
                    relSets[try type(at.type), default: [:]][name, default: []].append(["id": id, "s": .int(Int64(at.source.rawValue)), "v": v])
                } else {
                    unknownSets[name, default: []].append(["id": id, "v": v])
                }
            }
        }
        for t in relCreates.keys.sorted() {
            add(
                "UNWIND $rows AS row MATCH (a:\(keyLabel) {\(k): row.s}) MATCH (b:\(keyLabel) {\(k): row.t}) "
                    + "MERGE (a)-[r:\(Cypher.name(t)) {\(k): row.id}]->(b) SET r = row.props", relCreates[t]!)
        }
        for t in relSets.keys.sorted() {
            for p in relSets[t]!.keys.sorted() {
                add(
                    "UNWIND $rows AS row MATCH (a:\(keyLabel) {\(k): row.s})-[r:\(Cypher.name(t))]->() WHERE r.\(k) = row.id "
                        + "SET r.\(Cypher.name(p)) = row.v", relSets[t]![p]!)
            }
        }
        for p in unknownSets.keys.sorted() {
            add("UNWIND $rows AS row MATCH ()-[r]->() WHERE r.\(k) = row.id SET r.\(Cypher.name(p)) = row.v", unknownSets[p]!)
        }
    }

    private mutating func emitSchema(_ changes: [GraphMutation]) throws(MirrorError) {
        for m in changes {
            switch m {
            case .createConstraint(let name, let l, let p):
                statements.append(MirrorStatement(
                    "CREATE CONSTRAINT \(Cypher.name(name)) IF NOT EXISTS FOR (n:\(Cypher.name(try label(l)))) "
                        + "REQUIRE n.\(Cypher.name(try propertyName(p))) IS UNIQUE", schema: true))
            case .createConstraintRule(let rule):
                statements.append(MirrorStatement(try constraintStatement(rule), schema: true))
            case .dropConstraint(let name):
                statements.append(MirrorStatement("DROP CONSTRAINT \(Cypher.name(name)) IF EXISTS", schema: true))
            case .createCompositeIndex(let name, let l, let keys):
                var names: [String] = []
                for k in keys { names.append("n.\(Cypher.name(try propertyName(k)))") }
                statements.append(MirrorStatement(
                    "CREATE INDEX \(Cypher.name(name)) IF NOT EXISTS FOR (n:\(Cypher.name(try label(l)))) "
                        + "ON (\(names.joined(separator: ", ")))", schema: true))
            case .createIndex(let name, let kind, let l, let p):
                let text = kind == .text ? "TEXT INDEX" : "INDEX"
                statements.append(MirrorStatement(
                    "CREATE \(text) \(Cypher.name(name)) IF NOT EXISTS FOR (n:\(Cypher.name(try label(l)))) "
                        + "ON (n.\(Cypher.name(try propertyName(p))))", schema: true))
            case .dropIndex(let name):
                statements.append(MirrorStatement("DROP INDEX \(Cypher.name(name)) IF EXISTS", schema: true))
            default: break
            }
        }
    }
}
