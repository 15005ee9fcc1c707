extension SemanticChecker {
    /// Where an expression appears, which decides what it may contain.
    struct ExpressionContext {
        var aggregationAllowed = false
        var insideAggregate = false
        /// Pattern predicates are allowed in WHERE and in `exists(...)`.
        var patternsAllowed = false

        static let plain = ExpressionContext()
        static let predicate = ExpressionContext(patternsAllowed: true)
        static let projection = ExpressionContext(aggregationAllowed: true)
    }

    /// Checks an expression against `scope` and returns its inferred type.
    func checkExpression(_ expression: Expression, scope: Scope, context: ExpressionContext)
        throws(CypherSyntaxError) -> StaticType
    {
        let span = expression.span
        func sub(_ e: Expression) throws(CypherSyntaxError) -> StaticType {
            try checkExpression(e, scope: scope, context: context)
        }
        func mismatch(_ expected: String, _ actual: StaticType, _ at: SourceSpan) -> CypherSyntaxError {
            fail(.invalidArgumentType, "Type mismatch: expected \(expected) but was \(actual)", at: at)
        }
        switch expression.kind {
        case .null: return .null
        case .boolean: return .boolean
        case .integer: return .integer
        case .float: return .float
        case .string: return .string
        case .parameter(let name):
            if let parameters, !parameters.contains(name) {
                throw fail(.missingParameter, "Expected parameter $\(name)", at: span)
            }
            return .any
        case .variable(let name):
            guard let type = scope[name] else {
                throw fail(.undefinedVariable, "Variable `\(name)` not defined", at: span)
            }
            return type
        case .list(let items):
            var element: StaticType? = nil
            for item in items {
                let type = try sub(item)
                element = element.map { $0.joined(with: type) } ?? type
            }
            return .list(element ?? .null)
        case .map(let entries):
            for entry in entries { _ = try sub(entry.value) }
            return .map
        case .binary(let op, let lhs, let rhs):
            let left = try sub(lhs)
            let right = try sub(rhs)
            switch op {
            case .and, .or, .xor:
                if !left.mayBeBoolean { throw mismatch("Boolean", left, lhs.span) }
                if !right.mayBeBoolean { throw mismatch("Boolean", right, rhs.span) }
                return .boolean
            case .in:
                switch right {
                case .any, .null, .list: return .boolean
                default: throw mismatch("List", right, rhs.span)
                }
            case .startsWith, .endsWith, .contains, .regexMatch:
                return .boolean
            case .add:
                if case .list = left { return left }
                if case .list = right { return right }
                if left == .string || right == .string {
                    for (type, side) in [(left, lhs), (right, rhs)] where type.isKnownNonNumber && type != .string {
                        throw mismatch("Integer, Float, String or List", type, side.span)
                    }
                    return .string
                }
                return try arithmetic(left, right, lhs, rhs, mismatch)
            case .subtract, .multiply, .divide, .modulo, .power:
                let type = try arithmetic(left, right, lhs, rhs, mismatch)
                return op == .power ? (type == .any ? .any : .float) : type
            }
        case .unary(let op, let operand):
            let type = try sub(operand)
            switch op {
            case .not:
                if !type.mayBeBoolean { throw mismatch("Boolean", type, operand.span) }
                return .boolean
            case .minus, .plus:
                if type.isKnownNonNumber { throw mismatch("Integer or Float", type, operand.span) }
                return type
            }
        case .comparison(let first, let links):
            _ = try sub(first)
            for link in links { _ = try sub(link.rhs) }
            return .boolean
        case .isNull(let operand, _):
            _ = try sub(operand)
            return .boolean
        case .hasLabels(let operand, _):
            let type = try sub(operand)
            switch type {
            case .any, .null, .node, .relationship: return .boolean
            default: throw mismatch("Node or Relationship", type, operand.span)
            }
        case .property(let base, _):
            let type = try sub(base)
            switch type {
            case .any, .null, .node, .relationship, .map: return .any
            case .path: throw mismatch("Node, Relationship or Map", type, base.span)
            default:
                var error = mismatch("Node, Relationship or Map", type, base.span)
                error.classification = .typeError
                throw error
            }
        case .index(let base, let index):
            // Wrong index or container types are runtime errors in the TCK, so only the element type is inferred.
            let baseType = try sub(base)
            _ = try sub(index)
            if case .list(let element) = baseType { return element }
            return .any
        case .slice(let base, let from, let to):
            let baseType = try sub(base)
            if let from { _ = try sub(from) }
            if let to { _ = try sub(to) }
            return baseType == .null ? .null : (baseType == .any ? .any : baseType)
        case .countStar:
            try checkAggregationPlacement(span: span, context: context)
            return .integer
        case .function(let call):
            return try checkFunction(call, span: span, scope: scope, context: context)
        case .caseExpression(let caseExpression):
            if let subject = caseExpression.subject { _ = try sub(subject) }
            var result: StaticType? = nil
            for alternative in caseExpression.alternatives {
                _ = try sub(alternative.when)
                let type = try sub(alternative.then)
                result = result.map { $0.joined(with: type) } ?? type
            }
            if let elseValue = caseExpression.elseValue {
                let type = try sub(elseValue)
                result = result.map { $0.joined(with: type) } ?? type
            }
            return result ?? .any
        case .listComprehension(let variable, let source, let predicate, let projection):
            let element = try elementType(of: try sub(source), source.span, mismatch)
            var inner = scope
            inner[variable] = element
            var innerContext = context
            innerContext.aggregationAllowed = false
            if let predicate {
                let type = try checkExpression(predicate, scope: inner, context: innerContext)
                if !type.mayBeBoolean { throw mismatch("Boolean", type, predicate.span) }
            }
            if let projection {
                return .list(try checkExpression(projection, scope: inner, context: innerContext))
            }
            return .list(element)
        case .quantifier(_, let variable, let source, let predicate):
            let element = try elementType(of: try sub(source), source.span, mismatch)
            var inner = scope
            inner[variable] = element
            if let predicate {
                var innerContext = context
                innerContext.aggregationAllowed = false
                let type = try checkExpression(predicate, scope: inner, context: innerContext)
                if !type.mayBeBoolean { throw mismatch("Boolean", type, predicate.span) }
            }
            return .boolean
        case .reduce(let accumulator, let initial, let variable, let source, let body):
            let initialType = try sub(initial)
            let element = try elementType(of: try sub(source), source.span, mismatch)
            var inner = scope
            inner[accumulator] = initialType == .null ? .any : initialType
            inner[variable] = element
            var innerContext = context
            innerContext.aggregationAllowed = false
            _ = try checkExpression(body, scope: inner, context: innerContext)
            return .any
        case .patternComprehension(_, let pattern, let predicate, let projection):
            var inner = scope
            try bindPattern([pattern], scope: &inner, mode: .comprehension)
            var innerContext = context
            innerContext.aggregationAllowed = false
            innerContext.patternsAllowed = true
            if let predicate { _ = try checkExpression(predicate, scope: inner, context: innerContext) }
            innerContext.patternsAllowed = false
            return .list(try checkExpression(projection, scope: inner, context: innerContext))
        case .mapProjection(let base, let items):
            let type = try sub(base)
            switch type {
            case .any, .null, .node, .relationship, .map: break
            default: throw mismatch("Node, Relationship or Map", type, base.span)
            }
            for item in items {
                switch item {
                case .literal(_, let value): _ = try sub(value)
                case .variable(let name): try requireVariable(name, scope: scope, span: span)
                case .property, .allProperties: break
                }
            }
            return .map
        case .patternPredicate(let pattern):
            if !context.patternsAllowed {
                throw fail(.unexpectedSyntax, "Pattern expressions are only allowed in WHERE and exists()", at: span)
            }
            try checkPatternPredicate(pattern, scope: scope)
            return .boolean
        case .existsSubquery(let body), .countSubquery(let body):
            switch body {
            case .pattern(let parts, let condition):
                var inner = scope
                try bindPattern(parts, scope: &inner, mode: .match)
                if let condition { try checkPredicate(condition, scope: inner) }
            case .query(let query):
                if case .existsSubquery = expression.kind,
                    let clause = query.parts.flatMap(\.clauses).first(where: \.isUpdating)
                {
                    throw fail(
                        .invalidClauseComposition, "An EXISTS subquery cannot contain updating clauses", at: clause.span
                    )
                }
                _ = try checkQuery(query, outer: scope, isSubquery: true)
            }
            if case .countSubquery = expression.kind { return .integer }
            return .boolean
        }
    }

    private func arithmetic(
        _ left: StaticType, _ right: StaticType, _ lhs: Expression, _ rhs: Expression,
        _ mismatch: (String, StaticType, SourceSpan) -> CypherSyntaxError
    ) throws(CypherSyntaxError) -> StaticType {
        if left.isKnownNonNumber { throw mismatch("Integer or Float", left, lhs.span) }
        if right.isKnownNonNumber { throw mismatch("Integer or Float", right, rhs.span) }
        if left == .integer && right == .integer { return .integer }
        if left.isNumber && right.isNumber { return .float }
        return .any
    }

    private func elementType(
        of type: StaticType, _ span: SourceSpan, _ mismatch: (String, StaticType, SourceSpan) -> CypherSyntaxError
    ) throws(CypherSyntaxError) -> StaticType {
        switch type {
        case .list(let element): return element
        case .any, .null: return .any
        default: throw mismatch("List", type, span)
        }
    }

    /// A pattern used as a predicate may not introduce new variables.
    func checkPatternPredicate(_ pattern: PatternPart, scope: Scope) throws(CypherSyntaxError) {
        for node in pattern.element.nodes {
            if let name = node.variable, !scope.contains(name) {
                throw fail(.undefinedVariable, "Variable `\(name)` not defined", at: node.span)
            }
            if let properties = node.properties { _ = try checkExpression(properties, scope: scope, context: .plain) }
        }
        for step in pattern.element.chain {
            if let name = step.relationship.variable, !scope.contains(name) {
                throw fail(.undefinedVariable, "Variable `\(name)` not defined", at: step.relationship.span)
            }
            if let properties = step.relationship.properties {
                _ = try checkExpression(properties, scope: scope, context: .plain)
            }
        }
        if let name = pattern.variable, !scope.contains(name) {
            throw fail(.undefinedVariable, "Variable `\(name)` not defined", at: pattern.span)
        }
    }

    func checkAggregationPlacement(span: SourceSpan, context: ExpressionContext) throws(CypherSyntaxError) {
        if context.insideAggregate {
            throw fail(.nestedAggregation, "Cannot nest aggregate functions", at: span)
        }
        if !context.aggregationAllowed {
            throw fail(.invalidAggregation, "Invalid use of aggregating function in this context", at: span)
        }
    }

    func checkFunction(_ call: FunctionCall, span: SourceSpan, scope: Scope, context: ExpressionContext)
        throws(CypherSyntaxError) -> StaticType
    {
        if !FunctionCatalog.isKnown(call) {
            throw fail(.unknownFunction, "Unknown function '\(call.qualifiedName)'", at: span)
        }
        var argumentContext = context
        if FunctionCatalog.isAggregate(call) {
            try checkAggregationPlacement(span: span, context: context)
            argumentContext.insideAggregate = true
            argumentContext.aggregationAllowed = false
        }
        if call.namespace.isEmpty, call.name.lowercased() == "exists" { argumentContext.patternsAllowed = true }
        if context.insideAggregate, call.namespace.isEmpty, call.name.lowercased() == "rand" {
            throw fail(
                .nonConstantExpression, "Non-deterministic functions cannot be used inside aggregations", at: span)
        }
        var types: [StaticType] = []
        for argument in call.arguments {
            types.append(try checkExpression(argument, scope: scope, context: argumentContext))
        }
        for (index, allowed) in FunctionCatalog.allowedArgumentTypes(call) where index < types.count {
            let type = types[index]
            if type != .any, type != .null, !allowed(type) {
                throw fail(
                    .invalidArgumentType, "Type mismatch: \(call.name)() does not accept \(type)",
                    at: call.arguments[index].span)
            }
        }
        return FunctionCatalog.resultType(call, types)
    }

    /// True when the expression contains an aggregate function call (not looking into nested subqueries).
    static func containsAggregate(_ expression: Expression) -> Bool {
        var found = false
        expression.visit { e in
            switch e.kind {
            case .countStar: found = true
            case .function(let call) where FunctionCatalog.isAggregate(call): found = true
            default: break
            }
        }
        return found
    }
}
