extension SemanticChecker {
    /// Checks WITH/RETURN; returns the scope after the projection and its column names.
    func checkProjection(_ projection: ProjectionClause, scope: Scope, isWith: Bool, span: SourceSpan)
        throws(CypherSyntaxError) -> (scope: Scope, columns: [String])
    {
        if !isWith && projection.includesAll && scope.isEmpty {
            throw fail(.noVariablesInScope, "RETURN * is not allowed when there are no variables in scope", at: span)
        }
        var output = projection.includesAll ? scope : Scope()
        var columns = projection.includesAll ? scope.variables.keys.sorted() : []
        var seen = Set<String>()
        var aggregating = false
        var types: [StaticType] = []
        for item in projection.items {
            let type = try checkExpression(item.expression, scope: scope, context: .projection)
            types.append(type)
            if Self.containsAggregate(item.expression) { aggregating = true }
            if !seen.insert(item.name).inserted {
                throw fail(
                    .columnNameConflict, "Multiple result columns with the same name `\(item.name)`",
                    at: item.expression.span)
            }
        }
        for (item, type) in zip(projection.items, types) {
            output[item.name] = type
            columns.append(item.name)
        }

        // Aggregating items may only use grouping keys outside their aggregates.
        let groupingItems = projection.items.filter { !Self.containsAggregate($0.expression) }
        // Only variables and property lookups act as grouping keys inside aggregating expressions.
        let groupingExpressions = groupingItems.map(\.expression).filter { e in
            switch e.kind {
            case .variable, .property: true
            default: false
            }
        }
        let groupingVariables = Set(
            groupingItems.compactMap { item -> String? in
                if case .variable(let name) = item.expression.kind { return name }
                return nil
            })
        if aggregating {
            for item in projection.items where Self.containsAggregate(item.expression) {
                try checkAggregationAmbiguity(
                    item.expression, keys: groupingExpressions, keyVariables: groupingVariables)
            }
        }

        // After an aggregating or DISTINCT projection, ORDER BY and WHERE see the projected columns; a
        // subexpression equal to a projected aggregate, variable or property lookup stands for its column. Incoming
        // variables used by grouping items stay visible so that misuse is reported as ambiguous.
        let restricted = aggregating || projection.distinct
        var laterScope = output
        if !restricted {
            for (name, type) in scope.variables where laterScope[name] == nil { laterScope[name] = type }
        }
        // Incoming variables used by grouping items: referring to them outside an aggregate is ambiguous.
        let groupingReferences = Set(groupingItems.flatMap(\.expression.referencedVariables))
        let substitutable = projection.items.filter { item in
            switch item.expression.kind {
            case .variable, .property: return true
            default: return Self.containsAggregate(item.expression)
            }
        }
        func substituted(_ expression: Expression) -> Expression {
            guard restricted else { return expression }
            return expression.rewritten { e in
                guard let item = substitutable.first(where: { $0.expression == e }) else { return nil }
                return Expression(.variable(item.name), span: e.span)
            }
        }
        for sort in projection.orderBy {
            let expression = substituted(sort.expression)
            let hasAggregate = Self.containsAggregate(expression)
            if Self.containsAggregate(sort.expression) && !aggregating {
                throw fail(
                    .invalidAggregation,
                    "Cannot use aggregation in ORDER BY if there are no aggregate expressions in the preceding projection",
                    at: sort.expression.span)
            }
            if aggregating && (hasAggregate || Self.containsAggregate(sort.expression)) {
                try checkAggregationAmbiguity(
                    expression, keys: [], keyVariables: Set(columns), suspects: groupingReferences)
            }
            var context = ExpressionContext.projection
            context.aggregationAllowed = aggregating
            _ = try checkExpression(expression, scope: laterScope, context: context)
        }
        if isWith {
            for item in projection.items where item.alias == nil {
                if case .variable = item.expression.kind { continue }
                throw fail(.noExpressionAlias, "Expression in WITH must be aliased (use AS)", at: item.expression.span)
            }
        }
        if let skip = projection.skip { try checkRowCount(skip, clause: "SKIP") }
        if let limit = projection.limit { try checkRowCount(limit, clause: "LIMIT") }
        if let condition = projection.whereClause {
            try checkPredicate(substituted(condition), scope: laterScope)
        }
        return (output, columns)
    }

    /// SKIP and LIMIT take a constant, non-negative integer.
    func checkRowCount(_ expression: Expression, clause: String) throws(CypherSyntaxError) {
        if !expression.isConstant {
            throw fail(
                .nonConstantExpression, "It is not allowed to refer to variables in \(clause)", at: expression.span)
        }
        let type = try checkExpression(expression, scope: Scope(), context: .plain)
        switch type {
        case .integer, .any, .null: break
        default:
            throw fail(.invalidArgumentType, "\(clause) expects an integer but got \(type)", at: expression.span)
        }
        if case .integer(let value) = expression.kind, value < 0 {
            throw fail(
                .negativeIntegerArgument, "\(clause) expects a non-negative integer but got \(value)",
                at: expression.span)
        }
    }

    /// Outside its aggregate calls, an aggregating expression may only use grouping keys, literals and parameters.
    /// With `suspects`, only variables in that set are reported (others are left to the scope check).
    func checkAggregationAmbiguity(
        _ expression: Expression, keys: [Expression], keyVariables: Set<String>, suspects: Set<String>? = nil
    ) throws(CypherSyntaxError) {
        if keys.contains(expression) { return }
        switch expression.kind {
        case .countStar: return
        case .function(let call) where FunctionCatalog.isAggregate(call): return
        case .variable(let name):
            if !keyVariables.contains(name), suspects?.contains(name) ?? true {
                throw fail(
                    .ambiguousAggregationExpression,
                    "Aggregation column contains implicit grouping expressions: `\(name)` is not a grouping key",
                    at: expression.span)
            }
        case .property(let base, _):
            // `n.prop` is fine when `n.prop` or `n` is a grouping key.
            if case .variable(let name) = base.kind, keyVariables.contains(name) { return }
            if case .variable(let name) = base.kind {
                if let suspects, !suspects.contains(name) { return }
                throw fail(
                    .ambiguousAggregationExpression,
                    "Aggregation column contains implicit grouping expressions", at: expression.span)
            }
            try checkAggregationAmbiguity(base, keys: keys, keyVariables: keyVariables, suspects: suspects)
        case .listComprehension, .quantifier, .reduce, .patternComprehension:
            return
        default:
            for child in expression.children {
                try checkAggregationAmbiguity(child, keys: keys, keyVariables: keyVariables, suspects: suspects)
            }
        }
    }
}
