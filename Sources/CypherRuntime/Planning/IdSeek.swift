import CypherSyntax
import GraphStore

/// A lookup by id found in a MATCH's WHERE: `id(v) = e`, `elementId(v) = e`, `id(v) IN e` or `elementId(v) IN e`
/// (either side of `=`), where `v` is a node of the pattern or a single-hop relationship and `e` reads only
/// parameters, literals and variables bound before the MATCH.
///
/// The matcher starts from the entities the ids name instead of scanning (Neo4j's `NodeByIdSeek`,
/// `NodeByElementIdSeek`, `DirectedRelationshipByIdSeek`, ...). The seek only narrows the candidates: the WHERE
/// still runs on every complete row, so ids that do not exist, have the wrong kind or the wrong type simply
/// match nothing. As with `FilterPushdown`, only conjuncts behind conjuncts that cannot raise an error are used.
struct IdSeek: Sendable {
    enum Function: Sendable { case id, elementId }

    var variable: String
    var function: Function
    var value: Expression
    /// `IN` (a list of ids) rather than `=` (one id).
    var isList: Bool

    /// The seeks in `predicate` by variable (the first one per variable).
    static func seeks(_ predicate: Expression?, pattern parts: [PatternPart]) -> [String: IdSeek] {
        guard let predicate else { return [:] }
        var nodes = Set<String>()
        var relationships = Set<String>()
        var all = Set<String>()
        for part in parts {
            if let v = part.variable { all.insert(v) }
            for node in part.element.nodes { if let v = node.variable { nodes.insert(v) } }
            for step in part.element.chain {
                guard let v = step.relationship.variable else { continue }
                all.insert(v)
                if step.relationship.length == nil { relationships.insert(v) }
            }
        }
        all.formUnion(nodes)
        var out: [String: IdSeek] = [:]
        for conjunct in FilterPushdown.conjuncts(predicate) {
            if let seek = seek(conjunct, entities: nodes.union(relationships), patternVariables: all),
                out[seek.variable] == nil
            {
                out[seek.variable] = seek
                // id() and elementId() of a node or relationship cannot fail; the comparison with a
                // parameter or literal cannot either, but IN over a non-list can, so it ends the scan.
                switch seek.value.kind {
                case .parameter, .variable, .integer, .float, .string, .null: if !seek.isList { continue }
                default: break
                }
            }
            if !FilterPushdown.cannotFail(conjunct, nodes: nodes) { break }
        }
        return out
    }

    private static func seek(_ e: Expression, entities: Set<String>, patternVariables: Set<String>) -> IdSeek? {
        func call(_ e: Expression) -> (String, Function)? {
            guard case .function(let f) = e.kind, f.namespace.isEmpty, f.arguments.count == 1, !f.distinct,
                case .variable(let v) = f.arguments[0].kind, entities.contains(v)
            else { return nil }
            switch f.name.lowercased() {
            case "id": return (v, .id)
            case "elementid": return (v, .elementId)
            default: return nil
            }
        }
        func independent(_ e: Expression) -> Bool {
            guard let refs = ExpandCount.references(e) else { return false }
            return refs.isDisjoint(with: patternVariables)
        }
        switch e.kind {
        case .comparison(let lhs, let links) where links.count == 1 && links[0].op == .equal:
            if let (v, f) = call(lhs), independent(links[0].rhs) {
                return IdSeek(variable: v, function: f, value: links[0].rhs, isList: false)
            }
            if let (v, f) = call(links[0].rhs), independent(lhs) {
                return IdSeek(variable: v, function: f, value: lhs, isList: false)
            }
            return nil
        case .binary(.in, let lhs, let rhs):
            guard let (v, f) = call(lhs), independent(rhs) else { return nil }
            return IdSeek(variable: v, function: f, value: rhs, isList: true)
        default:
            return nil
        }
    }

    /// Whether every variable the value reads is bound in `row` (else the seek cannot be used for this row).
    func isReady(in row: Row) -> Bool {
        guard let refs = ExpandCount.references(value) else { return false }
        return refs.allSatisfy { row[$0] != nil }
    }

    /// The raw ids the evaluated `value` can name, each once, in the order given; nil when the value is not what
    /// the seek expects (IN over something other than a list), in which case the matcher scans instead and the
    /// WHERE reports the error as usual.
    func rawIDs(_ value: Value, relationships: Bool) -> [UInt32]? {
        let items: [Value]
        if isList {
            switch value {
            case .null: return []
            case .list(let l): items = l
            default: return nil
            }
        } else {
            items = [value]
        }
        var seen = Set<UInt32>()
        var out: [UInt32] = []
        for item in items {
            var raw: UInt32?
            switch (function, item) {
            case (.id, .int(let i)): raw = UInt32(exactly: i)
            case (.id, .float(let d)): raw = UInt32(exactly: d)
            case (.elementId, .string(let s)):
                raw = relationships ? ElementID.relationship(s)?.rawValue : ElementID.node(s)?.rawValue
            default: raw = nil
            }
            if let raw, seen.insert(raw).inserted { out.append(raw) }
        }
        return out
    }

    /// The operator name EXPLAIN shows.
    func operatorName(relationship: Bool, directed: Bool) -> String {
        let by = function == .id ? "ById" : "ByElementId"
        guard relationship else { return "Node\(by)Seek" }
        return (directed ? "Directed" : "Undirected") + "Relationship\(by)Seek"
    }
}
