import CypherSyntax

/// Which conjuncts of a MATCH's WHERE can be checked while the pattern is matched, as soon as the one node
/// variable they read is bound, rather than on complete rows.
///
/// Checking early only removes rows the WHERE would remove anyway: a conjunct that is false or null makes the whole
/// AND false or null. The WHERE still runs on every complete row. What must not change is which errors a query
/// raises: the AND is evaluated left to right and stops at the first false, so a conjunct is only pushed when every
/// conjunct before it cannot raise an error (comparisons, IS NULL and label tests over properties, parameters and
/// literals). A pushed conjunct that raises an error while matching is ignored there.
enum FilterPushdown {
    /// Pushed conjuncts by node variable.
    static func nodeFilters(_ predicate: Expression, pattern parts: [PatternPart]) -> [String: [Expression]] {
        var nodeVariables = Set<String>()
        var other = Set<String>()
        for part in parts {
            if let v = part.variable { other.insert(v) }
            for node in part.element.nodes { if let v = node.variable { nodeVariables.insert(v) } }
            for step in part.element.chain { if let v = step.relationship.variable { other.insert(v) } }
        }
        var out: [String: [Expression]] = [:]
        for conjunct in conjuncts(predicate) {
            if let refs = ExpandCount.references(conjunct), refs.isDisjoint(with: other) {
                let own = refs.intersection(nodeVariables)
                if own.count == 1 { out[own.first!, default: []].append(conjunct) }
            }
            // Later conjuncts may be pushed only while every earlier one is free of errors.
            if !cannotFail(conjunct, nodes: nodeVariables) { break }
        }
        return out
    }

    /// The operands of a chain of ANDs, left to right.
    static func conjuncts(_ e: Expression) -> [Expression] {
        if case .binary(.and, let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    /// True for predicates that cannot raise an error: comparisons, IS [NOT] NULL and label tests over the
    /// pattern's node variables, their properties, parameters and literals, combined with AND / OR / XOR / NOT.
    static func cannotFail(_ e: Expression, nodes: Set<String>) -> Bool {
        func simple(_ e: Expression) -> Bool {
            switch e.kind {
            case .variable, .parameter, .null, .boolean, .integer, .float, .string: return true
            case .property(let base, _):
                if case .variable(let v) = base.kind { return nodes.contains(v) } else { return false }
            default: return false
            }
        }
        switch e.kind {
        case .comparison(let first, let links): return simple(first) && links.allSatisfy { simple($0.rhs) }
        case .isNull(let a, _): return simple(a)
        case .hasLabels(let a, _): if case .variable(let v) = a.kind { return nodes.contains(v) } else { return false }
        case .boolean: return true
        case .binary(let op, let a, let b) where op == .and || op == .or || op == .xor:
            return cannotFail(a, nodes: nodes) && cannotFail(b, nodes: nodes)
        case .unary(.not, let a): return cannotFail(a, nodes: nodes)
        default: return false
        }
    }
}
