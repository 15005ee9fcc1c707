import CypherSyntax
import GraphStore

/// The fused expand-and-count operator.
///
/// `MATCH (a)-[:R]->(b)<-[:R]-(c)-[:R]->(d) WHERE ... RETURN d.id, count(*)` asks only for the number of paths
/// between each pair of end nodes. When the pattern's inner nodes and relationships are not used after the MATCH,
/// the executor walks the paths depth-first without building a row for each one, counts them per end node, and
/// hands the aggregation one row per (start, end) pair carrying the count in a hidden weight column. Hundreds of
/// thousands of paths then cost a counter increment each instead of a dictionary row each.
///
/// The walk keeps Cypher's semantics: labels and property maps of every node, relationship types and directions,
/// and relationship uniqueness along the path. The MATCH's WHERE may only read the two end nodes and earlier
/// bindings, so it can be evaluated once per pair.
struct ExpandCount {
    /// The hidden column holding how many paths a row stands for.
    static let weightColumn = "\u{1}weight"

    let element: PatternElement
    /// The MATCH's WHERE, evaluated once per (start, end) pair.
    let predicate: Expression?

    /// The plan for `match` followed by `projection`, or nil when the pair does not have the fusable shape.
    /// `bound` holds the variables bound before the MATCH.
    static func plan(_ match: MatchClause, then projection: ProjectionClause, bound: Set<String>) -> ExpandCount? {
        guard !match.optional, match.pattern.parts.count == 1 else { return nil }
        let part = match.pattern.parts[0]
        guard part.variable == nil else { return nil }
        let element = part.element
        let nodes = element.nodes
        guard !element.chain.isEmpty else { return nil }
        for step in element.chain {
            let r = step.relationship
            guard r.variable == nil, r.length == nil, r.properties == nil else { return nil }
        }
        // Inner node variables must be new and unused later; every variable appears once in the pattern.
        var seen = Set<String>()
        var inner = Set<String>()
        for (i, node) in nodes.enumerated() {
            if let v = node.variable {
                guard seen.insert(v).inserted else { return nil }
                if i != 0 && i != nodes.count - 1 {
                    guard !bound.contains(v) else { return nil }
                    inner.insert(v)
                }
            }
            // Property maps may read only earlier bindings.
            if let props = node.properties {
                guard let refs = references(props), refs.isSubset(of: bound) else { return nil }
            }
        }
        let visible = bound.union([nodes.first!.variable, nodes.last!.variable].compactMap { $0 })
        if let w = match.whereClause {
            guard let refs = references(w), refs.isSubset(of: visible) else { return nil }
        }
        // The projection: count(*) as its only aggregate, everything else on the visible variables.
        guard !projection.includesAll else { return nil }
        var counts = false
        for item in projection.items {
            var other = false
            item.expression.visit { e in
                switch e.kind {
                case .countStar: counts = true
                case .function(let call)
                where call.namespace.isEmpty && QueryExecutor.aggregates.contains(call.name.lowercased()):
                    other = true
                default: break
                }
            }
            guard !other, let refs = references(item.expression), refs.isSubset(of: visible) else { return nil }
        }
        guard counts else { return nil }
        let names = Set(projection.items.map(\.name))
        for e in projection.orderBy.map(\.expression) + [projection.whereClause].compactMap({ $0 }) {
            guard let refs = references(e), refs.isSubset(of: visible.union(names)) else { return nil }
        }
        guard inner.isDisjoint(with: visible) else { return nil }
        return ExpandCount(element: element, predicate: match.whereClause)
    }

    /// The variables `e` reads, including those of pattern predicates; nil when it holds a subquery or another
    /// form whose variables are not known here.
    static func references(_ e: Expression) -> Set<String>? {
        var names = Set<String>()
        var known = true
        e.visit { sub in
            switch sub.kind {
            case .variable(let v): names.insert(v)
            case .patternPredicate(let part):
                names.formUnion(QueryExecutor.patternVariables([part]))
                for node in part.element.nodes {
                    if let p = node.properties, let refs = references(p) { names.formUnion(refs) } else if node.properties != nil { known = false }
                }
                for step in part.element.chain where step.relationship.properties != nil { known = false }
            case .existsSubquery, .countSubquery, .patternComprehension: known = false
            default: break
            }
        }
        return known ? names : nil
    }
}

extension QueryExecutor {
    /// Runs the fused operator over every input row; see `ExpandCount`.
    func expandCount(_ plan: ExpandCount, _ rows: [Row]) throws -> [Row] {
        let g = graph
        let nodes = plan.element.nodes
        let steps = plan.element.chain
        let last = nodes.count - 1
        var out: [Row] = []
        // Per end node: paths counted for the current start node, and the order ends were first reached.
        var counts = [Int](repeating: 0, count: g.nodeIDLimit)
        var reached: [NodeID] = []

        for row in rows {
            // Start from the cheaper end.
            let first = StartPoint.choose(nodes[0], row: row, graph: g)
            let final = StartPoint.choose(nodes[last], row: row, graph: g)
            let fromEnd = final.cost(in: g) < first.cost(in: g)
            let startIndex = fromEnd ? last : 0
            let start = fromEnd ? final : first
            let endIndex = fromEnd ? 0 : last
            // Node patterns in walk order, with their labels and property maps resolved once per row.
            let walk: [Int] = fromEnd ? Array((0...last).reversed()) : Array(0...last)
            var checks: [NodeCheck] = []
            var impossible = false
            for i in walk {
                guard let check = try NodeCheck(nodes[i], row: row, graph: g, executor: self) else {
                    impossible = true
                    break
                }
                checks.append(check)
            }
            if impossible { continue }
            var hops: [Hop] = []
            for k in 0..<steps.count {
                let j = fromEnd ? steps.count - 1 - k : k
                let r = steps[j].relationship
                var direction: Direction =
                    switch r.direction {
                    case .outgoing: .outgoing
                    case .incoming: .incoming
                    case .both: .both
                    }
                if fromEnd { direction = direction.reversed }
                var types: [RelationshipTypeID?] = []
                if r.types.isEmpty {
                    types = [nil]
                } else {
                    for t in r.types {
                        if let id = g.catalog.relationshipType(t), !types.contains(id) { types.append(id) }
                    }
                    if types.isEmpty { impossible = true }
                }
                hops.append(Hop(types: types, direction: direction))
            }
            if impossible { continue }

            var candidates: [NodeID] = []
            switch start {
            case .bound(let v):
                switch v {
                case .node(let n): candidates = [n]
                case .null: continue
                default: throw typeError("\(nodes[startIndex].variable ?? "") is a \(v.typeName), not a node")
                }
            case .constraintSeek(let label, let key, let valueExpr):
                let value = try eval(valueExpr, row)
                if value.isNull { continue }
                if let p = try? value.propertyValue(), let n = g.lookup(label: label, key: key, value: p) {
                    candidates = [n]
                }
            case .labelScan(let l): candidates = g.nodes(label: l)
            case .empty: continue
            case .allNodes: g.forEachNode { candidates.append($0) }
            }

            var used: [RelationshipID] = []
            used.reserveCapacity(steps.count)
            func walkFrom(_ node: NodeID, _ level: Int) throws {
                let hop = hops[level]
                let check = checks[level + 1]
                let isLast = level == hops.count - 1
                var expanded = 0
                func visit(_ n: NodeID, _ id: RelationshipID) throws {
                    expanded += 1
                    if used.contains(id) { return }
                    guard try check.accepts(n, graph: g, executor: self) else { return }
                    if isLast {
                        if counts[n.index] == 0 { reached.append(n) }
                        counts[n.index] += 1
                    } else {
                        used.append(id)
                        defer { used.removeLast() }
                        try walkFrom(n, level + 1)
                    }
                }
                for t in hop.types {
                    if hop.direction != .incoming {
                        try g.forEachRelationship(of: node, type: t, direction: .outgoing, visit)
                    }
                    if hop.direction != .outgoing {
                        // An undirected step reports a self-loop once, as the matcher does.
                        let both = hop.direction == .both
                        try g.forEachRelationship(of: node, type: t, direction: .incoming) { n, id in
                            if !(both && n == node) { try visit(n, id) }
                        }
                    }
                }
                try spend(expanded)
            }

            for a in candidates {
                try spend()
                guard try checks[0].accepts(a, graph: g, executor: self) else { continue }
                try walkFrom(a, 0)
                var base = row
                if let v = nodes[startIndex].variable { base[v] = .node(a) }
                let endVariable = nodes[endIndex].variable
                if endVariable == nil {
                    // The end node is not used: one row for all paths from `a`.
                    var total = 0
                    for n in reached { total += counts[n.index]; counts[n.index] = 0 }
                    reached.removeAll(keepingCapacity: true)
                    guard total > 0 else { continue }
                    base[ExpandCount.weightColumn] = .int(Int64(total))
                    if let p = plan.predicate, try eval(p, base) != .bool(true) { continue }
                    out.append(base)
                    continue
                }
                let before = out.count
                for n in reached {
                    var r = base
                    r[endVariable!] = .node(n)
                    r[ExpandCount.weightColumn] = .int(Int64(counts[n.index]))
                    counts[n.index] = 0
                    if let p = plan.predicate, try eval(p, r) != .bool(true) { continue }
                    out.append(r)
                }
                reached.removeAll(keepingCapacity: true)
                try spend(out.count - before)
            }
        }
        return out
    }

    private struct Hop {
        var types: [RelationshipTypeID?]
        var direction: Direction
    }

    /// A node pattern's test, resolved for one input row.
    private struct NodeCheck {
        var bound: NodeID?
        var labels: [LabelID]
        var properties: [(String, Value)]

        /// nil when nothing can match (an unknown label, a bound variable that is null).
        init?(_ pattern: NodePattern, row: Row, graph: GraphSnapshot, executor: QueryExecutor) throws {
            bound = nil
            if let v = pattern.variable, let value = row[v] {
                guard case .node(let n) = value else { return nil }
                bound = n
            }
            labels = []
            for name in pattern.labels {
                guard let l = graph.catalog.label(name) else { return nil }
                labels.append(l)
            }
            properties = []
            if let p = pattern.properties {
                guard case .map(let m) = try executor.eval(p, row) else { return nil }
                properties = m.sorted { $0.key < $1.key }
            }
        }

        func accepts(_ n: NodeID, graph: GraphSnapshot, executor: QueryExecutor) throws -> Bool {
            if let bound, bound != n { return false }
            for l in labels where !graph.hasLabel(n, l) { return false }
            for (k, v) in properties where Value.equals(try executor.property(of: .node(n), k), v) != true {
                return false
            }
            return true
        }
    }
}
