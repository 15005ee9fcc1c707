extension Expression {
    /// The direct subexpressions (not descending into subquery bodies or pattern property maps).
    public var children: [Expression] {
        switch kind {
        case .null, .boolean, .integer, .float, .string, .parameter, .variable, .countStar, .patternPredicate,
            .existsSubquery, .countSubquery:
            return []
        case .list(let items): return items
        case .map(let entries): return entries.map(\.value)
        case .binary(_, let a, let b): return [a, b]
        case .unary(_, let a): return [a]
        case .comparison(let first, let links): return [first] + links.map(\.rhs)
        case .isNull(let a, _), .hasLabels(let a, _), .property(let a, _): return [a]
        case .index(let a, let b): return [a, b]
        case .slice(let a, let from, let to): return [a] + [from, to].compactMap { $0 }
        case .function(let call): return call.arguments
        case .caseExpression(let c):
            return [c.subject].compactMap { $0 } + c.alternatives.flatMap { [$0.when, $0.then] }
                + [c.elseValue].compactMap { $0 }
        case .listComprehension(_, let source, let predicate, let projection):
            return [source] + [predicate, projection].compactMap { $0 }
        case .patternComprehension(_, _, let predicate, let projection):
            return [predicate].compactMap { $0 } + [projection]
        case .quantifier(_, _, let source, let predicate): return [source] + [predicate].compactMap { $0 }
        case .reduce(_, let initial, _, let source, let body): return [initial, source, body]
        case .mapProjection(let base, let items):
            return [base] + items.compactMap { if case .literal(_, let e) = $0 { e } else { nil } }
        }
    }

    /// Calls `body` on this expression and every subexpression, pre-order.
    public func visit(_ body: (Expression) -> Void) {
        body(self)
        for child in children { child.visit(body) }
    }

    /// True when the expression is a literal, a parameter, or built only from them.
    public var isConstant: Bool {
        switch kind {
        case .variable, .patternPredicate, .existsSubquery, .countSubquery, .countStar, .listComprehension,
            .patternComprehension, .quantifier, .reduce, .mapProjection:
            return false
        case .function(let call):
            return call.arguments.allSatisfy(\.isConstant)
        default:
            return children.allSatisfy(\.isConstant)
        }
    }
}

extension Expression {
    /// Rewrites the tree top-down: where `transform` returns a replacement, it is used as is; elsewhere the
    /// children are rewritten. Subquery bodies and patterns are left untouched.
    public func rewritten(_ transform: (Expression) -> Expression?) -> Expression {
        if let replacement = transform(self) { return replacement }
        func r(_ e: Expression) -> Expression { e.rewritten(transform) }
        func ro(_ e: Expression?) -> Expression? { e.map(r) }
        let newKind: Kind
        switch kind {
        case .null, .boolean, .integer, .float, .string, .parameter, .variable, .countStar, .patternPredicate,
            .existsSubquery, .countSubquery:
            return self
        case .list(let items): newKind = .list(items.map(r))
        case .map(let entries): newKind = .map(entries.map { MapEntry(key: $0.key, value: r($0.value)) })
        case .binary(let op, let a, let b): newKind = .binary(op, r(a), r(b))
        case .unary(let op, let a): newKind = .unary(op, r(a))
        case .comparison(let first, let links):
            newKind = .comparison(r(first), links.map { ComparisonLink($0.op, r($0.rhs)) })
        case .isNull(let a, let negated): newKind = .isNull(r(a), negated: negated)
        case .hasLabels(let a, let labels): newKind = .hasLabels(r(a), labels)
        case .property(let a, let key): newKind = .property(r(a), key)
        case .index(let a, let b): newKind = .index(r(a), r(b))
        case .slice(let a, let from, let to): newKind = .slice(r(a), from: ro(from), to: ro(to))
        case .function(var call):
            call.arguments = call.arguments.map(r)
            newKind = .function(call)
        case .caseExpression(let c):
            newKind = .caseExpression(
                CaseExpression(
                    subject: ro(c.subject),
                    alternatives: c.alternatives.map { CaseAlternative(when: r($0.when), then: r($0.then)) },
                    elseValue: ro(c.elseValue)))
        case .listComprehension(let v, let source, let predicate, let projection):
            newKind = .listComprehension(
                variable: v, source: r(source), predicate: ro(predicate), projection: ro(projection))
        case .patternComprehension(let v, let pattern, let predicate, let projection):
            newKind = .patternComprehension(
                pathVariable: v, pattern: pattern, predicate: ro(predicate), projection: r(projection))
        case .quantifier(let q, let v, let source, let predicate):
            newKind = .quantifier(q, variable: v, source: r(source), predicate: ro(predicate))
        case .reduce(let acc, let initial, let v, let source, let body):
            newKind = .reduce(accumulator: acc, initial: r(initial), variable: v, source: r(source), body: r(body))
        case .mapProjection(let base, let items):
            newKind = .mapProjection(
                r(base), items.map { if case .literal(let k, let e) = $0 { .literal(k, r(e)) } else { $0 } })
        }
        return Expression(newKind, span: span)
    }

    /// The variable names this expression reads (including inside scoped forms; an over-approximation).
    public var referencedVariables: Set<String> {
        var names = Set<String>()
        visit { if case .variable(let name) = $0.kind { names.insert(name) } }
        return names
    }
}
