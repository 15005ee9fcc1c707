import CypherSyntax
import GraphStore

/// A predicate on one node property that a range or text index can answer, found in a MATCH's WHERE
/// (`v.p = e`, `v.p IN e`, `v.p > e` …, `v.p STARTS WITH e`) or in the node pattern's property map, where `e`
/// reads only parameters, literals and variables bound before the MATCH.
///
/// Like `IdSeek`, an index seek only narrows the start candidates: the pattern and the WHERE are still checked
/// on every row, and a value the index cannot answer (a temporal bound, IN over a non-list) makes the matcher
/// scan instead. Only conjuncts behind conjuncts that cannot raise an error are used.
struct PropertySeek: Sendable {
    enum Predicate: Sendable {
        case equal(Expression)
        case `in`(Expression)
        case range(lower: (Expression, inclusive: Bool)?, upper: (Expression, inclusive: Bool)?)
        case prefix(Expression)
        /// Equality on every property of a composite index, in the index's order (`key` lists them).
        case composite([Expression])
    }

    var variable: String
    var key: String
    var predicate: Predicate

    /// The seeks in `predicate` and in the node patterns' property maps, by node variable.
    static func seeks(_ predicate: Expression?, pattern parts: [PatternPart]) -> [String: [PropertySeek]] {
        var nodes = Set<String>()
        var all = Set<String>()
        var out: [String: [PropertySeek]] = [:]
        for part in parts {
            if let v = part.variable { all.insert(v) }
            for step in part.element.chain { if let v = step.relationship.variable { all.insert(v) } }
            for node in part.element.nodes { if let v = node.variable { nodes.insert(v) } }
        }
        all.formUnion(nodes)
        func independent(_ e: Expression) -> Bool {
            guard let refs = ExpandCount.references(e) else { return false }
            return refs.isDisjoint(with: all)
        }
        func property(_ e: Expression) -> (String, String)? {
            guard case .property(let base, let key) = e.kind, case .variable(let v) = base.kind, nodes.contains(v)
            else { return nil }
            return (v, key)
        }
        for part in parts {
            for node in part.element.nodes {
                guard let v = node.variable, case .map(let entries) = node.properties?.kind else { continue }
                for entry in entries where independent(entry.value) {
                    out[v, default: []].append(PropertySeek(variable: v, key: entry.key, predicate: .equal(entry.value)))
                }
            }
        }
        guard let predicate else { return out }
        func add(_ v: String, _ key: String, _ p: Predicate) {
            out[v, default: []].append(PropertySeek(variable: v, key: key, predicate: p))
        }
        for conjunct in FilterPushdown.conjuncts(predicate) {
            switch conjunct.kind {
            case .comparison(let lhs, let links) where links.count == 1:
                let op = links[0].op
                let rhs = links[0].rhs
                var target: (String, String)?
                var value = rhs
                var flipped = false
                if let p = property(lhs), independent(rhs) {
                    target = p
                } else if let p = property(rhs), independent(lhs) {
                    target = p
                    value = lhs
                    flipped = true
                }
                guard let (v, key) = target else { break }
                switch (op, flipped) {
                case (.equal, _): add(v, key, .equal(value))
                case (.greater, false), (.less, true): add(v, key, .range(lower: (value, false), upper: nil))
                case (.greaterOrEqual, false), (.lessOrEqual, true): add(v, key, .range(lower: (value, true), upper: nil))
                case (.less, false), (.greater, true): add(v, key, .range(lower: nil, upper: (value, false)))
                case (.lessOrEqual, false), (.greaterOrEqual, true): add(v, key, .range(lower: nil, upper: (value, true)))
                case (.notEqual, _): break
                }
            case .binary(.in, let lhs, let rhs):
                if let (v, key) = property(lhs), independent(rhs) { add(v, key, .in(rhs)) }
            case .binary(.startsWith, let lhs, let rhs):
                if let (v, key) = property(lhs), independent(rhs) { add(v, key, .prefix(rhs)) }
            default: break
            }
            if !FilterPushdown.cannotFail(conjunct, nodes: nodes) { break }
        }
        // `v.p >= a AND v.p < b`: the two one-sided ranges on one property also make one bounded seek.
        for (v, seeks) in out {
            var lowers: [String: (Expression, inclusive: Bool)] = [:]
            var uppers: [String: (Expression, inclusive: Bool)] = [:]
            for seek in seeks {
                guard case .range(let lower, let upper) = seek.predicate else { continue }
                if let lower, upper == nil, lowers[seek.key] == nil { lowers[seek.key] = lower }
                if let upper, lower == nil, uppers[seek.key] == nil { uppers[seek.key] = upper }
            }
            for (key, lower) in lowers {
                if let upper = uppers[key] { add(v, key, .range(lower: lower, upper: upper)) }
            }
        }
        return out
    }

    /// Whether every variable the predicate reads is bound in `row`.
    func isReady(in row: Row) -> Bool {
        let expressions: [Expression]
        switch predicate {
        case .equal(let e), .in(let e), .prefix(let e): expressions = [e]
        case .range(let lower, let upper): expressions = [lower?.0, upper?.0].compactMap { $0 }
        case .composite(let values): expressions = values
        }
        return expressions.allSatisfy { e in ExpandCount.references(e).map { $0.allSatisfy { row[$0] != nil } } ?? false }
    }

    /// The index to use on `graph` for a node with `labels`: a RANGE index on the label and key, or a TEXT index
    /// for equality, IN and prefix predicates (whose values must then be strings, checked when seeking).
    func index(labels: [String], graph: GraphSnapshot) -> PropertyIndex? {
        guard let k = graph.catalog.propertyKey(key) else { return nil }
        for name in labels {
            guard let l = graph.catalog.label(name) else { continue }
            if let range = graph.propertyIndex(label: l, key: k, kind: .range) { return range }
            if case .range = predicate { continue }
            if let text = graph.propertyIndex(label: l, key: k, kind: .text) { return text }
        }
        return nil
    }

    /// The composite-index seek for `variable` with `labels`: a composite RANGE index on one of the labels whose
    /// every property has a ready equality among `seeks`, if any.
    static func composite(
        _ seeks: [PropertySeek], variable: String, labels: [String], graph: GraphSnapshot, row: Row
    ) -> (PropertyIndex, PropertySeek)? {
        var equal: [String: Expression] = [:]
        for seek in seeks where seek.isReady(in: row) {
            if case .equal(let e) = seek.predicate, equal[seek.key] == nil { equal[seek.key] = e }
        }
        guard equal.count >= 2 else { return nil }
        for name in labels {
            guard let l = graph.catalog.label(name) else { continue }
            for index in graph.compositeIndexes(label: l) {
                let keys = index.keys.map { graph.catalog.name(of: $0) }
                let values = keys.compactMap { equal[$0] }
                guard values.count == keys.count else { continue }
                return (index, PropertySeek(variable: variable, key: keys.joined(separator: ", "), predicate: .composite(values)))
            }
        }
        return nil
    }

    /// The estimated candidates: equality and IN a handful, bounded ranges a hundredth of the label, one-sided
    /// ranges and prefixes a tenth.
    func cost(_ index: PropertyIndex, in graph: GraphSnapshot) -> Int {
        switch predicate {
        case .equal, .in, .composite: 2
        case .range(let lower, let upper) where lower != nil && upper != nil: 2 + graph.nodeCount(label: index.label) / 100
        case .range, .prefix: 2 + graph.nodeCount(label: index.label) / 10
        }
    }

    /// The operator name EXPLAIN shows, as Neo4j names them.
    func describe(_ index: PropertyIndex, graph: GraphSnapshot) -> String {
        let label = graph.catalog.name(of: index.label)
        let op: String
        switch predicate {
        case .equal, .composite: op = "NodeIndexSeek"
        case .in: op = "NodeIndexSeek"
        case .range: op = "NodeIndexSeekByRange"
        case .prefix: op = "NodeIndexSeekByRange"
        }
        return "\(op)(\(variable):\(label) {\(key)} \(index.kind.name) INDEX \(index.name))"
    }
}
