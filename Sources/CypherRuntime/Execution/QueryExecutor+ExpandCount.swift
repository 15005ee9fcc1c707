import CypherSyntax
import GraphStore
import HeapModule

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
    /// Set when the projection keeps only the end nodes with the most paths (see `TopPaths`).
    var top: TopPaths?

    /// `... RETURN end.key, count(*) AS n ORDER BY n DESC LIMIT k`: one group per end node (grouped by the node or
    /// by a uniquely constrained key of it) ordered by the path count first. Only the end nodes with the highest
    /// counts can appear in the first SKIP + LIMIT rows, so the operator builds rows for those alone: every end
    /// node whose count reaches that of the last row needed, ties included, and nothing else. The rows keep their
    /// first-reached order, so the projection's stable sort gives exactly the full evaluation's result.
    struct TopPaths {
        /// Property keys of the end node that the grouping reads (empty when it groups by the node itself).
        var keys: [String]
        var limit: Expression
        var skip: Expression?
    }

    /// The plan for `match` followed by `projection`, or nil when the pair does not have the fusable shape.
    /// `bound` holds the variables bound before the MATCH.
    static func plan(_ match: MatchClause, then projection: ProjectionClause, bound: Set<String>) -> ExpandCount? {
        if match.search != nil { return nil }
        guard !match.optional, match.pattern.parts.count == 1 else { return nil }
        let part = match.pattern.parts[0]
        guard part.variable == nil, part.shortest == nil else { return nil }
        let element = part.element
        let nodes = element.nodes
        guard !element.chain.isEmpty else { return nil }
        // Inner node and relationship variables must be new and unused later; every variable appears once in
        // the pattern. A named relationship (`-[r:T]->`) that nothing reads is counted like an anonymous one.
        var seen = Set<String>()
        var inner = Set<String>()
        for step in element.chain {
            let r = step.relationship
            guard r.length == nil, r.properties == nil else { return nil }
            if let v = r.variable {
                guard !bound.contains(v), seen.insert(v).inserted else { return nil }
                inner.insert(v)
            }
        }
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
        var plan = ExpandCount(element: element, predicate: match.whereClause)
        plan.top = topPaths(projection, end: nodes.last!.variable, pattern: QueryExecutor.patternVariables([part]))
        return plan
    }

    private static func topPaths(_ p: ProjectionClause, end: String?, pattern: [String]) -> TopPaths? {
        guard let end, let limit = p.limit, limit.isConstant, p.skip?.isConstant ?? true, !p.distinct,
            p.whereClause == nil, let first = p.orderBy.first, !first.ascending
        else { return nil }
        var countNames: Set<String> = []
        var keys: [String] = []
        var groupsByEnd = false
        for item in p.items {
            switch item.expression.kind {
            case .countStar:
                countNames.insert(item.name)
                continue
            case .variable(let v) where v == end:
                groupsByEnd = true
                continue
            case .property(let base, let key):
                if case .variable(let v) = base.kind, v == end {
                    keys.append(key)
                    continue
                }
            default: break
            }
            // Anything else must be the same for every row: no variable of the pattern.
            guard let refs = references(item.expression), refs.isDisjoint(with: pattern) else { return nil }
        }
        guard groupsByEnd || !keys.isEmpty else { return nil }
        switch first.expression.kind {
        case .countStar: break
        case .variable(let v) where countNames.contains(v): break
        default: return nil
        }
        return TopPaths(keys: groupsByEnd ? [] : keys, limit: limit, skip: p.skip)
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
        // Dense scratch arrays over node ids, zero between start nodes, kept between statements (see
        // `ExpandCountScratch`). Raw buffers: the walk's closures update them millions of times, and captured Swift
        // arrays would pay an exclusivity check on every access.
        let scratch = ExpandCountScratch.take(capacity: g.nodeIDLimit)
        var zeroed = false
        defer { if zeroed { ExpandCountScratch.give(scratch) } }
        let (counts, weights, minus) = (scratch.counts, scratch.weights, scratch.minus)
        let (reachedList, frontier, corrected) = (scratch.reached, scratch.frontier, scratch.corrected)

        // WHERE conjuncts on one node, by variable (only the start node's are used).
        let pushed = plan.predicate.map { p in
            FilterPushdown.nodeFilters(p, pattern: [PatternPart(variable: nil, shortest: nil, element: plan.element, span: .none)])
        } ?? [:]
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
                let types = r.typeIDs(in: g)
                if types.isEmpty { impossible = true }
                hops.append(Hop(types: types, direction: fromEnd ? r.storeDirection.reversed : r.storeDirection))
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
                candidates = constraintNodes(label, key, [value])
            case .labelScan(let l): candidates = g.nodes(label: l)
            case .empty: continue
            case .allNodes, .nodeIdSeek, .relationshipIdSeek, .indexSeek, .constraintSeekAll:
                g.forEachNode { candidates.append($0) }
            }

            // Two phases, as in the co-purchase counter: walk every prefix path (all hops but the last) with
            // relationship uniqueness, weighing each node it ends at by the number of prefixes reaching it; then
            // expand the last hop once per distinct node, adding its weight. A last hop that reuses a relationship
            // of its own prefix is not a path, so each such case is subtracted again (`minus`).
            let lastHop = hops[hops.count - 1]
            let lastCheck = checks[hops.count]
            let depth = hops.count - 1
            var used = [RelationshipID](repeating: RelationshipID(0), count: max(depth, 1))
            var trail = [NodeID](repeating: NodeID(0), count: depth + 1)
            // Can the last hop walk straight back over the relationship the previous hop came along?
            let backStep: Bool = {
                guard depth > 0 else { return false }
                let previous = hops[depth - 1]
                let typesMeet = previous.types.contains { a in lastHop.types.contains { b in a == nil || b == nil || a == b } }
                let directionMeets = lastHop.direction == .both || previous.direction == .both
                    || lastHop.direction == previous.direction.reversed
                return typesMeet && directionMeets
            }()
            // When every relationship the previous hop can walk is one the last hop reports back (one type that the
            // last hop takes, directions that meet), the back step is known without looking the relationship up.
            let backStepCertain: Bool = {
                guard backStep else { return false }
                let previous = hops[depth - 1]
                guard previous.types.count == 1, let t = previous.types[0],
                    lastHop.types.contains(where: { $0 == nil || $0 == t })
                else { return false }
                return lastHop.direction == .both || (previous.direction != .both && lastHop.direction == previous.direction.reversed)
            }()

            /// The node the last hop reaches from `o` through `r`, if it reports `r` at all.
            func lastHopEnd(_ r: RelationshipID, from o: NodeID) -> NodeID? {
                let type = g.type(of: r)
                guard lastHop.types.contains(where: { $0 == nil || $0 == type }) else { return nil }
                let (s, t) = (g.source(of: r), g.target(of: r))
                switch lastHop.direction {
                case .outgoing: return s == o ? t : nil
                case .incoming: return t == o ? s : nil
                case .both: return s == o ? t : (t == o ? s : nil)
                }
            }
            func correct(_ x: NodeID) throws {
                guard try lastCheck.accepts(x, graph: g, executor: self) else { return }
                if minus[x.index] == 0 { corrected.append(x) }
                minus[x.index] += 1
            }
            func expand(_ node: NodeID, _ hop: Hop, _ visit: (NodeID, RelationshipID) throws -> Void) throws {
                var expanded = 0
                for t in hop.types {
                    if hop.direction != .incoming {
                        try g.forEachRelationship(of: node, type: t, direction: .outgoing) { n, id in
                            expanded &+= 1
                            try visit(n, id)
                        }
                    }
                    if hop.direction != .outgoing {
                        // An undirected step reports a self-loop once, as the matcher does.
                        let both = hop.direction == .both
                        try g.forEachRelationship(of: node, type: t, direction: .incoming) { n, id in
                            expanded &+= 1
                            if !(both && n == node) { try visit(n, id) }
                        }
                    }
                }
                try spend(expanded)
            }

            func prefix(_ node: NodeID, _ level: Int) throws {
                trail[level] = node
                if level == depth {
                    if weights[node.index] == 0 { frontier.append(node) }
                    weights[node.index] &+= 1
                    guard depth > 0 else { return }
                    // Relationships of the prefix that touch `node` could be walked again by the last hop.
                    for i in 0..<(depth - 1) where trail[i] == node || trail[i + 1] == node {
                        if let x = lastHopEnd(used[i], from: node) { try correct(x) }
                    }
                    if backStepCertain {
                        try correct(trail[depth - 1])
                    } else if backStep, let x = lastHopEnd(used[depth - 1], from: node) {
                        try correct(x)
                    }
                    return
                }
                let check = checks[level + 1]
                try expand(node, hops[level]) { n, id in
                    for i in 0..<level where used[i] == id { return }
                    guard try check.accepts(n, graph: g, executor: self) else { return }
                    used[level] = id
                    try prefix(n, level + 1)
                }
            }
            func walkFrom(_ a: NodeID) throws -> [NodeID] {
                try prefix(a, 0)
                for i in 0..<frontier.count {
                    let o = frontier[i]
                    let w = weights[o.index]
                    weights[o.index] = 0
                    if lastCheck.labelsOnly {
                        let labels = lastCheck.labels
                        try expand(o, lastHop) { n, _ in
                            for l in labels where !g.hasLabel(n, l) { return }
                            if counts[n.index] == 0 { reachedList.append(n) }
                            counts[n.index] &+= w
                        }
                    } else {
                        try expand(o, lastHop) { n, _ in
                            guard try lastCheck.accepts(n, graph: g, executor: self) else { return }
                            if counts[n.index] == 0 { reachedList.append(n) }
                            counts[n.index] &+= w
                        }
                    }
                }
                for i in 0..<corrected.count {
                    let x = corrected[i]
                    counts[x.index] &-= minus[x.index]
                    minus[x.index] = 0
                }
                frontier.removeAll()
                corrected.removeAll()
                let reached = reachedList.array
                reachedList.removeAll()
                return reached
            }

            // WHERE conjuncts on the start node alone rule a start out before any walking.
            let startFilters = nodes[startIndex].variable.flatMap { pushed[$0] } ?? []
            candidates: for a in candidates {
                try spend()
                guard try checks[0].accepts(a, graph: g, executor: self) else { continue }
                if !startFilters.isEmpty, let v = nodes[startIndex].variable {
                    var r = row
                    r[v] = .node(a)
                    for f in startFilters {
                        if let value = try? eval(f, r), value != .bool(true) { continue candidates }
                    }
                }
                let reached = try walkFrom(a)
                var base = row
                if let v = nodes[startIndex].variable { base[v] = .node(a) }
                let endVariable = nodes[endIndex].variable
                if endVariable == nil {
                    // The end node is not used: one row for all paths from `a`.
                    var total = 0
                    for n in reached { total += counts[n.index]; counts[n.index] = 0 }
                    guard total > 0 else { continue }
                    base[ExpandCount.weightColumn] = .int(Int64(total))
                    if let p = plan.predicate, try eval(p, base) != .bool(true) { continue }
                    out.append(base)
                    continue
                }
                let before = out.count
                if let top = plan.top, rows.count == 1, candidates.count == 1,
                    let needed = try rowsNeeded(top, endPattern: nodes[endIndex], reached: reached, graph: g)
                {
                    // Rows for the end nodes with the most paths only, in first-reached order.
                    // Candidates in descending count order: first a bounded selection of the best few, and the
                    // full ranking only if the WHERE rejects so many that the selection runs out.
                    var kept: [(position: Int, row: Row)] = []
                    var finished = false
                    var tried = Set<Int>()
                    for width in [needed * 4 + 16, Int.max] where !finished {
                        let ranked = topPositions(reached, counts: counts, width: width)
                        finished = true
                        for (i, position) in ranked.enumerated() {
                            let n = reached[position]
                            if kept.count >= needed, counts[n.index] < counts[reached[kept.last!.position].index] { break }
                            if i == ranked.count - 1 && ranked.count == width && width != Int.max {
                                // The selection may have cut ties or rejected rows: rank everything.
                                finished = false
                                break
                            }
                            guard tried.insert(position).inserted else { continue }
                            var r = base
                            r[endVariable!] = .node(n)
                            r[ExpandCount.weightColumn] = .int(Int64(counts[n.index]))
                            if let p = plan.predicate, try eval(p, r) != .bool(true) { continue }
                            kept.append((position, r))
                        }
                    }
                    out += kept.sorted { $0.position < $1.position }.map(\.row)
                    for n in reached { counts[n.index] = 0 }
                } else {
                    for n in reached where counts[n.index] > 0 {
                        var r = base
                        r[endVariable!] = .node(n)
                        r[ExpandCount.weightColumn] = .int(Int64(counts[n.index]))
                        counts[n.index] = 0
                        if let p = plan.predicate, try eval(p, r) != .bool(true) { continue }
                        out.append(r)
                    }
                }
                try spend(out.count - before)
            }
        }
        // Every slot touched was zeroed again above: the scratch can serve the next statement.
        zeroed = true
        return out
    }

    /// The positions in `reached` of the `width` end nodes with the highest counts (all with a count when
    /// `width` is larger), highest first, ties by position.
    private func topPositions(_ reached: [NodeID], counts: UnsafeMutableBufferPointer<Int>, width: Int) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool {
            let (ca, cb) = (counts[reached[a].index], counts[reached[b].index])
            return ca != cb ? ca > cb : a < b
        }
        if width >= reached.count {
            return reached.indices.filter { counts[reached[$0].index] > 0 }.sorted(by: before)
        }
        // The Top operator's bounded heap over (count, position).
        var heap = Heap<RankedEnd>()
        heap.reserveCapacity(width)
        for position in reached.indices where counts[reached[position].index] > 0 {
            Self.offer(RankedEnd(count: counts[reached[position].index], position: position), to: &heap, keeping: width)
        }
        return Self.ordered(heap).map(\.position)
    }

    /// An end node reached by the walk: more paths first, then first reached first.
    private struct RankedEnd: Comparable {
        let count: Int
        let position: Int
        static func < (a: RankedEnd, b: RankedEnd) -> Bool {
            a.count != b.count ? a.count > b.count : a.position < b.position
        }
    }

    /// SKIP + LIMIT of the top-paths plan, or nil when the groups might not be one per end node: a grouping key
    /// without a unique constraint on the end node's labels, or an end node lacking the key (nulls group together).
    private func rowsNeeded(
        _ top: ExpandCount.TopPaths, endPattern: NodePattern, reached: [NodeID], graph g: GraphSnapshot
    ) throws -> Int? {
        for key in top.keys {
            guard let k = g.catalog.propertyKey(key) else { return nil }
            var constraint: (label: LabelID, indexed: Int)?
            for name in endPattern.labels {
                if let l = g.catalog.label(name), let c = g.constraint(label: l, key: k) { constraint = (l, c.count) }
            }
            guard let constraint else { return nil }
            // Every end node has the label; when every node with the label has the key, none can lack it.
            if constraint.indexed < g.nodeCount(label: constraint.label) {
                for n in reached where g.property(n, k) == nil { return nil }
            }
        }
        return try rowsToKeep(skip: top.skip, limit: top.limit).map { max(1, $0) }
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
        /// Only labels to test: no bound node and no property map.
        var labelsOnly: Bool { bound == nil && properties.isEmpty }

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
            if properties.isEmpty {
                for l in labels where !graph.hasLabel(n, l) { return false }
                return true
            }
            for l in labels where !graph.hasLabel(n, l) { return false }
            for (k, v) in properties where Value.equals(try executor.property(of: .node(n), k), v) != true {
                return false
            }
            return true
        }
    }
}
