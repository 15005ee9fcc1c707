import CypherSyntax
import GraphStore

extension QueryExecutor {
    /// The longest variable-length path the matcher follows (its depth-first search recurses once per hop).
    static let maximumPathLength = 10_000

    /// MATCH / OPTIONAL MATCH over every input row.
    /// With a `cap`, stops once that many rows (passing the WHERE) are produced: the next clause needs no more, so
    /// the scans and expansions stop there too.
    /// With a `top`, rows that cannot rank among the next projection's first rows are not built (`TopPrefilter`).
    func match(_ m: MatchClause, _ rows: [Row], cap: Int? = nil, top: TopPrefilter? = nil) throws -> [Row] {
        var out: [Row] = []
        let filters = m.whereClause.map { FilterPushdown.nodeFilters($0, pattern: m.pattern.parts) } ?? [:]
        let seeks = IdSeek.seeks(m.whereClause, pattern: m.pattern.parts)
        let propertySeeks = PropertySeek.seeks(m.whereClause, pattern: m.pattern.parts)
        for row in rows {
            if let cap, out.count >= cap { break }
            let found = try matchParts(
                m.pattern.parts, row, limit: cap.map { $0 - out.count }, filters: filters, seeks: seeks,
                propertySeeks: propertySeeks, predicate: m.whereClause, top: top)
            if found.isEmpty && m.optional {
                var r = row
                for name in Self.patternVariables(m.pattern.parts) where r[name] == nil { r[name] = .null }
                try memory.charge(Self.rowBytes(r))
                out.append(r)
            } else {
                try memory.charge(Self.batchBytes(found))
                out += found
            }
            try spend(found.count)
        }
        return out
    }

    static func patternVariables(_ parts: [PatternPart]) -> [String] {
        var names: [String] = []
        for part in parts {
            if let v = part.variable { names.append(v) }
            for node in part.element.nodes { if let v = node.variable { names.append(v) } }
            for step in part.element.chain { if let v = step.relationship.variable { names.append(v) } }
        }
        return names
    }

    /// Every extension of `row` matching all `parts`, with each relationship used at most once, that satisfies
    /// `predicate`; at most `limit` of them (matching stops as soon as it has enough).
    /// `filters` are WHERE conjuncts checked as soon as their node variable is bound (see `FilterPushdown`), and
    /// `seeks` id lookups to start from (see `IdSeek`).
    func matchParts(
        _ parts: [PatternPart], _ row: Row, limit: Int? = nil, filters: [String: [Expression]] = [:],
        seeks: [String: IdSeek] = [:], propertySeeks: [String: [PropertySeek]] = [:], predicate: Expression? = nil,
        top: TopPrefilter? = nil
    ) throws -> [Row] {
        var out: [Row] = []
        if let limit, limit <= 0 { return out }
        let saved = usedRelationships
        usedRelationships = []
        var charged = 0
        defer {
            usedRelationships = saved
            memory.release(charged)
        }
        func next(_ i: Int, _ r: Row) throws {
            if i == parts.count {
                if let predicate, try eval(predicate, r) != .bool(true) { return }
                let bytes = Self.rowBytes(r)
                try memory.charge(bytes)
                charged += bytes
                out.append(r)
                top?.produce()
                if let limit, out.count >= limit { throw MatchComplete() }
                return
            }
            try matchElement(parts[i], r, filters, seeks, propertySeeks, top: parts.count == 1 ? top : nil) {
                try next(i + 1, $0)
            }
        }
        do {
            try next(0, row)
        } catch is MatchComplete {}
        return out
    }

    /// Thrown by the matcher's innermost step once it has as many rows as it needs, unwinding every scan and
    /// expansion in progress.
    private struct MatchComplete: Error {}

    func matchPart(_ part: PatternPart, _ row: Row, limit: Int?) throws -> [Row] {
        try matchParts([part], row, limit: limit)
    }

    /// One binding of a relationship step: the relationships in pattern order and the nodes between them.
    private struct StepBinding {
        var relationships: [RelationshipID] = []
        var inner: [NodeID] = []
    }

    /// Matches one path pattern, calling `emit` for each complete binding.
    func matchElement(
        _ part: PatternPart, _ row: Row, _ filters: [String: [Expression]], _ seeks: [String: IdSeek],
        _ propertySeeks: [String: [PropertySeek]], top: TopPrefilter? = nil, _ emit: (Row) throws -> Void
    ) throws {
        let element = part.element
        let nodes = element.nodes
        let steps = element.chain
        let g = graph
        let checks = nodes.map { CandidateCheck($0, g, filters) }
        // Pick the cheapest start.
        let (startIndex, start) = StartPoint.plan(element, row: row, graph: g, seeks: seeks, propertySeeks: propertySeeks)
        // The start nodes are visited as they are found (a LIMIT can stop the scan); a relationship seek binds
        // the relationship with its endpoint.
        func scan(_ visit: (NodeID, inout NodeBinder) throws -> Void) throws {
            var binder = NodeBinder(nodes[startIndex], row)
            switch start {
            case .bound(let v):
                switch v {
                case .node(let n): try visit(n, &binder)
                case .null: return
                default: throw typeError("\(nodes[startIndex].variable ?? "") is a \(v.typeName), not a node")
                }
            case .nodeIdSeek(let seek):
                guard let ids = seekIDs(seek, row, relationships: false) else {
                    return try g.forEachNode { try visit($0, &binder) }
                }
                for raw in ids where g.contains(NodeID(raw)) { try visit(NodeID(raw), &binder) }
            case .relationshipIdSeek(let j, let seek, _):
                guard let ids = seekIDs(seek, row, relationships: true) else {
                    return try g.forEachNode { try visit($0, &binder) }
                }
                let direction = steps[j].relationship.storeDirection
                for raw in ids {
                    let id = RelationshipID(raw)
                    guard g.contains(id) else { continue }
                    var r = row
                    r[seek.variable] = .relationship(id)
                    var withRelationship = NodeBinder(nodes[startIndex], r)
                    let (source, target) = (g.source(of: id), g.target(of: id))
                    if direction != .incoming { try visit(source, &withRelationship) }
                    if direction != .outgoing && (direction == .incoming || target != source) {
                        try visit(target, &withRelationship)
                    }
                }
            case .constraintSeek(let label, let key, let valueExpr):
                for n in constraintNodes(label, key, [try eval(valueExpr, row)]) { try visit(n, &binder) }
            case .constraintSeekAll(let label, let key, let valuesExpr):
                let list = try eval(valuesExpr, row)
                guard case .list(let values) = list else {
                    // null matches nothing; anything else is left to the WHERE to report, over the label's nodes.
                    guard !list.isNull, let l = g.catalog.label(label) else { return }
                    return try g.forEachNode(label: l) { try visit($0, &binder) }
                }
                for n in constraintNodes(label, key, values) { try visit(n, &binder) }
            case .indexSeek(let index, let seek):
                guard let nodes = indexCandidates(index, seek, row) else {
                    return try g.forEachNode(label: index.label) { try visit($0, &binder) }
                }
                for n in nodes { try visit(n, &binder) }
            case .labelScan(let l): try g.forEachNode(label: l) { try visit($0, &binder) }
            case .empty: return
            case .allNodes: try g.forEachNode { try visit($0, &binder) }
            }
        }
        // Traversal order: right from the start, then left.
        var order: [(step: Int, forward: Bool)] = []
        for j in startIndex..<steps.count { order.append((j, true)) }
        for j in (0..<startIndex).reversed() { order.append((j, false)) }

        var nodeAt = [NodeID?](repeating: nil, count: nodes.count)
        var stepAt = [StepBinding](repeating: StepBinding(), count: steps.count)

        func finish(_ r: Row) throws {
            var r = r
            for (j, step) in steps.enumerated() {
                guard let v = step.relationship.variable else { continue }
                let b = stepAt[j]
                let value: Value =
                    step.relationship.length == nil
                    ? .relationship(b.relationships[0]) : .list(b.relationships.map { .relationship($0) })
                if let existing = r[v], existing != value { return }
                r[v] = value
            }
            if let pv = part.variable {
                var pathNodes = [nodeAt[0]!]
                var pathRels: [RelationshipID] = []
                for j in steps.indices {
                    pathNodes += stepAt[j].inner
                    if !stepAt[j].relationships.isEmpty { pathNodes.append(nodeAt[j + 1]!) }
                    pathRels += stepAt[j].relationships
                }
                r[pv] = .path(nodes: pathNodes, relationships: pathRels)
            }
            try emit(r)
        }

        func go(_ k: Int, _ r: Row) throws {
            if k == order.count {
                try finish(r)
                return
            }
            let (j, forward) = order[k]
            let step = steps[j]
            let rel = step.relationship
            let from = nodeAt[forward ? j : j + 1]!
            let toIndex = forward ? j + 1 : j
            let direction = forward ? rel.storeDirection : rel.storeDirection.reversed
            let types = rel.typeIDs(in: g)
            if types.isEmpty { return }
            let relProps = try rel.properties.map { try eval($0, r) }
            func relationshipMatches(_ id: RelationshipID) throws -> Bool {
                guard let relProps else { return true }
                guard case .map(let m) = relProps else { return false }
                for (k, v) in m where Value.equals(try property(of: .relationship(id), k), v) != true { return false }
                return true
            }
            var binder = NodeBinder(nodes[toIndex], r)
            let check = checks[toIndex]
            func bindEnd(_ n: NodeID, _ binding: StepBinding) throws {
                var binding = binding
                if !forward {
                    binding.relationships.reverse()
                    binding.inner.reverse()
                }
                guard try bindNode(g, check, n, &binder) else { return }
                let saved = stepAt[j]
                stepAt[j] = binding
                for id in binding.relationships { usedRelationships.insert(id) }
                defer {
                    for id in binding.relationships { usedRelationships.remove(id) }
                    stepAt[j] = saved
                }
                let savedNode = nodeAt[toIndex]
                nodeAt[toIndex] = n
                defer { nodeAt[toIndex] = savedNode }
                try go(k + 1, binder.scratch)
            }
            if let length = rel.length {
                let minimum = Int(length.minimum ?? 1)
                let maximum = length.maximum.map { Int($0) } ?? Int.max
                var rels: [RelationshipID] = []
                var pathNodes: [NodeID] = [from]
                func dfs(_ at: NodeID) throws {
                    if rels.count >= minimum {
                        let inner = Array(pathNodes.dropFirst().dropLast())
                        try bindEnd(at, StepBinding(relationships: rels, inner: inner))
                    }
                    guard rels.count < maximum else { return }
                    guard rels.count < Self.maximumPathLength else {
                        throw CypherRuntimeError(
                            .resourceLimit, "variable-length path longer than \(Self.maximumPathLength)")
                    }
                    for (n, id) in neighbours(of: at, types: types, direction: direction) {
                        try spend()
                        if usedRelationships.contains(id) || rels.contains(id) { continue }
                        guard try relationshipMatches(id) else { continue }
                        rels.append(id)
                        pathNodes.append(n)
                        try dfs(n)
                        rels.removeLast()
                        pathNodes.removeLast()
                    }
                }
                try dfs(from)
            } else {
                if let v = rel.variable, let bound = r[v] {
                    // A bound relationship (from an earlier clause or an id seek) is checked in constant time.
                    guard case .relationship(let id) = bound, g.contains(id), !usedRelationships.contains(id),
                        types.contains(where: { $0 == nil || $0 == g.type(of: id) })
                    else { return }
                    let (source, target) = (g.source(of: id), g.target(of: id))
                    let other: NodeID?
                    switch direction {
                    case .outgoing: other = source == from ? target : nil
                    case .incoming: other = target == from ? source : nil
                    case .both: other = source == from ? target : (target == from ? source : nil)
                    }
                    guard let n = other, try relationshipMatches(id) else { return }
                    try bindEnd(n, StepBinding(relationships: [id]))
                    return
                }
                // The sort keys of a Top after this MATCH, read per relationship (see `TopPrefilter`).
                let keySources = steps.count == 1
                    ? top?.sources(
                        relationship: rel.variable, far: nodes[toIndex].variable, near: nodes[forward ? j : j + 1].variable,
                        catalog: g.catalog)
                    : nil
                let direct = deletedNodes.isEmpty && deletedRelationships.isEmpty
                let anyUsed = !usedRelationships.isEmpty
                for (n, id) in neighbours(of: from, types: types, direction: direction) {
                    try spend()
                    if anyUsed && usedRelationships.contains(id) { continue }
                    guard try relationshipMatches(id) else { continue }
                    if let top, let keySources {
                        // Most relationships are decided by the first key, without an array of keys.
                        let first = try? topKey(keySources[0], g, direct: direct, relationship: id, far: n, near: from)
                        let decided = first.flatMap { top.admits(first: $0) }
                        if decided == false { continue }
                        let values = try? keySources.map {
                            try topKey($0, g, direct: direct, relationship: id, far: n, near: from)
                        }
                        if decided == nil, let values, !top.admits(values) { continue }
                        top.pending = values
                    }
                    try bindEnd(n, StepBinding(relationships: [id]))
                }
            }
        }

        let startCheck = checks[startIndex]
        try scan { n, binder in
            try spend()
            guard try bindNode(g, startCheck, n, &binder) else { return }
            nodeAt[startIndex] = n
            defer { nodeAt[startIndex] = nil }
            try go(0, binder.scratch)
        }
    }

    /// The nodes a range or text index gives for `seek` on `row`; nil when the index cannot answer the value
    /// (the caller then scans the index's label).
    func indexCandidates(_ index: PropertyIndex, _ seek: PropertySeek, _ row: Row) -> [NodeID]? {
        /// The bound as a stored value: nil when it cannot be evaluated or stored, `.null` for null.
        func stored(_ e: Expression) -> PropertyValue? {
            guard let v = try? eval(e, row) else { return nil }
            if v.isNull { return .null }
            return try? v.propertyValue()
        }
        func usable(_ p: PropertyValue) -> Bool { index.kind == .range || p.stringValue != nil }
        switch seek.predicate {
        case .equal(let e):
            guard let p = stored(e) else { return nil }
            if p.isNull { return [] }
            return usable(p) ? index.nodes(equalTo: p) : nil
        case .in(let e):
            guard let v = try? eval(e, row) else { return nil }
            if v.isNull { return [] }
            guard case .list(let items) = v else { return nil }
            var seen = Set<NodeID>()
            var out: [NodeID] = []
            for item in items where !item.isNull {
                guard let p = try? item.propertyValue(), usable(p) else { return nil }
                for n in index.nodes(equalTo: p) where seen.insert(n).inserted { out.append(n) }
            }
            return out
        case .range(let lower, let upper):
            var l: PropertyValue? = nil
            var u: PropertyValue? = nil
            if let lower {
                guard let p = stored(lower.0) else { return nil }
                l = p
            }
            if let upper {
                guard let p = stored(upper.0) else { return nil }
                u = p
            }
            if l?.isNull == true || u?.isNull == true { return [] }
            let bounds = [l, u].compactMap { $0 }
            if bounds.isEmpty || bounds.contains(where: { PropertyIndex.rank($0) == nil }) { return nil }
            return index.nodes(
                from: l, inclusive: lower?.inclusive ?? true, to: u, inclusive: upper?.inclusive ?? true)
        case .composite(let values):
            var parts: [PropertyValue] = []
            for e in values {
                guard let p = stored(e) else { return nil }
                if p.isNull { return [] }
                parts.append(p)
            }
            return index.nodes(equalTo: .list(parts))
        case .prefix(let e):
            guard let p = stored(e) else { return nil }
            if p.isNull { return [] }
            guard case .string(let prefix) = p else { return nil }
            return index.nodes(startingWith: prefix)
        }
    }

    /// The raw ids an id seek names for `row`; nil when its value cannot be used (then the caller scans).
    func seekIDs(_ seek: IdSeek, _ row: Row, relationships: Bool) -> [UInt32]? {
        guard let value = try? eval(seek.value, row) else { return nil }
        return seek.rawIDs(value, relationships: relationships)
    }

    /// Checks `n` against the node pattern and binds its variable into `binder.scratch`; false when it does not
    /// match. `g` is the matcher's graph, passed in so that each candidate does not copy the snapshot.
    private func bindNode(
        _ g: GraphSnapshot, _ check: CandidateCheck, _ n: NodeID, _ binder: inout NodeBinder
    ) throws -> Bool {
        if let bound = binder.bound, bound != .node(n) { return false }
        guard let labels = check.labels else { return false }
        for l in labels where !g.hasLabel(n, l) { return false }
        if let props = check.properties {
            if binder.properties == nil { binder.properties = try eval(props, binder.row) }
            guard case .map(let m) = binder.properties else { return false }
            for (k, v) in m where Value.equals(try property(of: .node(n), k), v) != true { return false }
        }
        guard let v = check.variable else { return true }
        // A pushed-down conjunct that is not true rules the row out; one that fails is left to the WHERE. The direct
        // tests run first, unless their operands could not be evaluated (then every conjunct goes to the evaluator).
        var direct = false
        if !check.testKeys.isEmpty {
            if binder.operands == nil { binder.operands = (try? check.testOperands.map { try eval($0, binder.row) }) ?? [] }
            if let operands = binder.operands, !operands.isEmpty {
                for i in operands.indices {
                    let stored = check.testKeys[i].flatMap { g.property(n, $0) }
                    if compare(check.testOperators[i], stored.map(Value.init) ?? .null, operands[i]) != true { return false }
                }
                direct = true
            }
        }
        if binder.bound == nil { binder.scratch[v] = .node(n) }
        for f in direct ? check.residual : check.filters {
            if let value = try? eval(f, binder.scratch), value != .bool(true) { return false }
        }
        return true
    }

    /// The relationships at `node` of the given types in `direction`; a self-loop is reported once for `.both`.
    func neighbours(
        of node: NodeID, types: [RelationshipTypeID?], direction: Direction
    ) -> [(NodeID, RelationshipID)] {
        withGraph { g in
            var out: [(NodeID, RelationshipID)] = []
            for t in types {
                if direction != .incoming {
                    g.forEachRelationship(of: node, type: t, direction: .outgoing) { out.append(($0, $1)) }
                }
                if direction != .outgoing {
                    g.forEachRelationship(of: node, type: t, direction: .incoming) { n, r in
                        if !(direction == .both && n == node) { out.append((n, r)) }
                    }
                }
            }
            return out
        }
    }
}

extension QueryExecutor {
    /// The fast answer to a pattern predicate of one plain hop between two bound nodes, `(a)-[:T]->(b)`: scans the
    /// relationships of whichever end has fewer, without building rows. nil when the pattern has another shape.
    func areLinked(_ part: PatternPart, _ row: Row) throws -> Bool? {
        let element = part.element
        guard part.variable == nil, element.chain.count == 1 else { return nil }
        let rel = element.chain[0].relationship
        guard rel.variable == nil, rel.length == nil, rel.properties == nil else { return nil }
        let ends = element.nodes
        guard ends[0].properties == nil, ends[1].properties == nil,
            let va = ends[0].variable, let vb = ends[1].variable,
            case .node(let a) = row[va], case .node(let b) = row[vb]
        else { return nil }
        let g = graph
        for (pattern, node) in [(ends[0], a), (ends[1], b)] {
            for label in pattern.labels {
                guard let l = g.catalog.label(label), g.hasLabel(node, l) else { return false }
            }
        }
        let types = rel.typeIDs(in: g)
        if types.isEmpty { return false }
        let direction = rel.storeDirection
        // Scan from the end with the smaller degree.
        var from = a
        var to = b
        var d = direction
        let degreeA = types.reduce(0) { $0 + g.degree(of: a, type: $1, direction: direction) }
        let degreeB = types.reduce(0) { $0 + g.degree(of: b, type: $1, direction: direction.reversed) }
        if degreeB < degreeA {
            (from, to, d) = (b, a, direction.reversed)
        }
        var found = false
        var scanned = 0
        for t in types where !found {
            g.forEachRelationship(of: from, type: t, direction: d) { n, _ in
                scanned += 1
                if n == to { found = true }
            }
        }
        try spend(scanned)
        return found
    }
}

extension QueryExecutor {
    /// The nodes the uniqueness constraint on `label` and `key` names for `values`, in id order and each once
    /// (null and values that are no property value name none): the seek of `{key: e}`, `WHERE v.key = e` and
    /// `WHERE v.key IN e`.
    func constraintNodes(_ label: String, _ key: String, _ values: [Value]) -> [NodeID] {
        let g = graph
        var nodes = Set<NodeID>()
        for value in values where !value.isNull {
            if let p = try? value.propertyValue(), let n = g.lookup(label: label, key: key, value: p) { nodes.insert(n) }
        }
        return nodes.sorted { $0.rawValue < $1.rawValue }
    }
}
