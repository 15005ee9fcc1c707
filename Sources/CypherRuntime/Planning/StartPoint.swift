import CypherSyntax
import GraphStore

/// How a pattern's matching starts at one of its node patterns, with its estimated number of candidates.
///
/// The planner prefers, in order: a node already bound by an earlier clause, a seek by id or element id (from the
/// WHERE, see `IdSeek`) on a node or on a relationship, a seek on a unique constraint (label + key equality in the
/// pattern's property map or the WHERE, or `IN` in the WHERE), the cheapest index seek, the smallest label scan, and a scan of all nodes.
enum StartPoint {
    case bound(Value)
    case nodeIdSeek(IdSeek)
    /// Starts at node `step` of the path, from the endpoints of the relationships the ids name, with the
    /// relationship of chain step `step` already bound.
    case relationshipIdSeek(step: Int, IdSeek, directed: Bool)
    case constraintSeek(label: String, key: String, value: Expression)
    /// A seek on a unique constraint for each value of a list (`WHERE v.key IN e`).
    case constraintSeekAll(label: String, key: String, values: Expression)
    /// Starts from a range or text index's answer to a property predicate.
    case indexSeek(PropertyIndex, PropertySeek)
    case labelScan(LabelID)
    /// A label the graph has never seen: nothing can match.
    case empty
    case allNodes

    /// The estimated number of candidate nodes.
    func cost(in graph: GraphSnapshot) -> Int {
        switch self {
        case .bound, .empty: 0
        case .nodeIdSeek, .relationshipIdSeek, .constraintSeek: 1
        case .constraintSeekAll: 2
        case .indexSeek(let index, let seek): seek.cost(index, in: graph)
        case .labelScan(let l): 1 + graph.nodeCount(label: l)
        case .allNodes: 2 + graph.nodeCount
        }
    }

    /// Chooses the start for `node` given the bindings in `row`.
    static func choose(
        _ node: NodePattern, row: Row, graph: GraphSnapshot, seeks: [String: IdSeek] = [:],
        propertySeeks: [String: [PropertySeek]] = [:]
    ) -> StartPoint {
        if let v = node.variable, let value = row[v] { return .bound(value) }
        if let v = node.variable, let seek = seeks[v], seek.isReady(in: row) { return .nodeIdSeek(seek) }
        if case .map(let entries) = node.properties?.kind {
            for label in node.labels {
                guard let l = graph.catalog.label(label) else { return .empty }
                for entry in entries {
                    if let k = graph.catalog.propertyKey(entry.key), graph.constraint(label: l, key: k) != nil {
                        return .constraintSeek(label: label, key: entry.key, value: entry.value)
                    }
                }
            }
        }
        // `WHERE v.key = e` on a constrained key seeks the constraint's index as the property map does (Neo4j
        // plans both as NodeUniqueIndexSeek); the WHERE is still checked on the row.
        if let v = node.variable {
            for seek in propertySeeks[v] ?? [] where seek.isReady(in: row) {
                guard let k = graph.catalog.propertyKey(seek.key) else { continue }
                for label in node.labels {
                    guard let l = graph.catalog.label(label), graph.constraint(label: l, key: k) != nil else { continue }
                    switch seek.predicate {
                    case .equal(let value): return .constraintSeek(label: label, key: seek.key, value: value)
                    case .in(let values): return .constraintSeekAll(label: label, key: seek.key, values: values)
                    default: break
                    }
                }
            }
        }
        var best: StartPoint = .allNodes
        if let v = node.variable {
            let seeks = propertySeeks[v] ?? []
            if let (index, seek) = PropertySeek.composite(seeks, variable: v, labels: node.labels, graph: graph, row: row) {
                best = .indexSeek(index, seek)
            }
            for seek in seeks where seek.isReady(in: row) {
                guard let index = seek.index(labels: node.labels, graph: graph) else { continue }
                let candidate = StartPoint.indexSeek(index, seek)
                if candidate.cost(in: graph) < best.cost(in: graph) { best = candidate }
            }
        }
        for label in node.labels {
            guard let l = graph.catalog.label(label) else { return .empty }
            let candidate = StartPoint.labelScan(l)
            if candidate.cost(in: graph) < best.cost(in: graph) { best = candidate }
        }
        return best
    }

    /// The cheapest start among the node patterns of a path: its index in `element.nodes` and how to start.
    static func plan(
        _ element: PatternElement, row: Row, graph: GraphSnapshot, seeks: [String: IdSeek] = [:],
        propertySeeks: [String: [PropertySeek]] = [:]
    ) -> (index: Int, start: StartPoint) {
        let nodes = element.nodes
        var index = 0
        var start = choose(nodes[0], row: row, graph: graph, seeks: seeks, propertySeeks: propertySeeks)
        var estimate = start.rows(nodes[0], graph: graph, propertySeeks: propertySeeks)
        for (i, node) in nodes.enumerated().dropFirst() {
            let candidate = choose(node, row: row, graph: graph, seeks: seeks, propertySeeks: propertySeeks)
            let rows = candidate.rows(node, graph: graph, propertySeeks: propertySeeks)
            if rows < estimate {
                (start, index, estimate) = (candidate, i, rows)
            }
        }
        for (j, step) in element.chain.enumerated() {
            let r = step.relationship
            guard r.length == nil, let v = r.variable, row[v] == nil, let seek = seeks[v], seek.isReady(in: row)
            else { continue }
            let candidate = StartPoint.relationshipIdSeek(step: j, seek, directed: r.direction != .both)
            let rows = Double(candidate.cost(in: graph))
            if rows < estimate {
                (start, index, estimate) = (candidate, j, rows)
            }
        }
        return (index, start)
    }

    /// The rows a scan start is expected to leave once the property predicates on its node are applied: the
    /// label's count times a default selectivity for each predicate (0.1 for an equality, 0.3 for a range or a
    /// prefix, 0.5 otherwise), as planners assume without statistics on values. So `MATCH (c:Customer)-->
    /// (p:Product) WHERE c.age = 30` starts from the customers though the products are fewer. Seeks keep their
    /// own cost: their predicate is what they read.
    func rows(_ node: NodePattern, graph: GraphSnapshot, propertySeeks: [String: [PropertySeek]]) -> Double {
        var rows = Double(cost(in: graph))
        switch self {
        case .labelScan, .allNodes: break
        default: return rows
        }
        if case .map(let entries) = node.properties?.kind { for _ in entries { rows *= 0.1 } }
        for seek in node.variable.flatMap({ propertySeeks[$0] }) ?? [] {
            switch seek.predicate {
            case .equal: rows *= 0.1
            case .range, .prefix: rows *= 0.3
            default: rows *= 0.5
            }
        }
        return rows
    }

    /// A one-line description for EXPLAIN.
    func describe(_ node: NodePattern, graph: GraphSnapshot) -> String {
        let name = node.variable ?? "_"
        switch self {
        case .bound: return "Argument(\(name))"
        case .nodeIdSeek(let seek): return "\(seek.operatorName(relationship: false, directed: true))(\(name))"
        case .relationshipIdSeek(_, let seek, let directed):
            return "\(seek.operatorName(relationship: true, directed: directed))(\(seek.variable))"
        case .constraintSeek(let label, let key, _), .constraintSeekAll(let label, let key, _):
            return "NodeUniqueIndexSeek(\(name):\(label) {\(key)})"
        case .indexSeek(let index, let seek): return seek.describe(index, graph: graph)
        case .labelScan(let l): return "NodeByLabelScan(\(name):\(graph.catalog.name(of: l)))"
        case .empty: return "Empty(\(name))"
        case .allNodes: return "AllNodesScan(\(name))"
        }
    }
}
