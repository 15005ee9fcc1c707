extension SemanticChecker {
    /// Checks one clause and updates the scope; returns the output columns for RETURN.
    func checkClause(_ clause: Clause, scope: inout Scope) throws(CypherSyntaxError) -> [String]? {
        switch clause.kind {
        case .match(let match):
            let before = scope
            try bindPattern(match.pattern.parts, scope: &scope, mode: .match)
            if let search = match.search { try checkSearch(search, outer: before, scope: &scope) }
            if let condition = match.whereClause { try checkPredicate(condition, scope: scope) }
        case .unwind(let unwind):
            let type = try checkExpression(unwind.expression, scope: scope, context: .plain)
            if scope.contains(unwind.variable) {
                throw fail(.variableAlreadyBound, "Variable `\(unwind.variable)` already declared", at: clause.span)
            }
            if case .list(let element) = type {
                scope[unwind.variable] = element
            } else {
                scope[unwind.variable] = .any
            }
        case .with(let projection):
            scope = try checkProjection(projection, scope: scope, isWith: true, span: clause.span).scope
        case .return(let projection):
            return try checkProjection(projection, scope: scope, isWith: false, span: clause.span).columns
        case .create(let pattern):
            try bindPattern(pattern.parts, scope: &scope, mode: .create)
        case .merge(let merge):
            try bindPattern([merge.pattern], scope: &scope, mode: .merge)
            for item in merge.onCreate + merge.onMatch { try checkSetItem(item, scope: scope) }
        case .set(let items):
            for item in items { try checkSetItem(item, scope: scope) }
        case .remove(let items):
            for item in items {
                switch item {
                case .property(let target, _, _):
                    _ = try checkExpression(target, scope: scope, context: .plain)
                case .labels(let variable, _, let span):
                    try requireVariable(variable, scope: scope, span: span)
                }
            }
        case .delete(let delete):
            for expression in delete.expressions {
                if case .hasLabels = expression.kind {
                    throw fail(
                        .invalidDelete, "DELETE takes nodes, relationships or paths, not labels", at: expression.span)
                }
                let type = try checkExpression(expression, scope: scope, context: .plain)
                switch type {
                case .any, .null, .node, .relationship, .path, .list: break
                default:
                    throw fail(
                        .invalidArgumentType, "DELETE expected a node, relationship or path but got \(type)",
                        at: expression.span)
                }
            }
        case .call(let call):
            try checkCall(call, scope: &scope, span: clause.span)
        case .subquery(let subquery):
            // Only the variables of an importing WITH reach the subquery (Neo4j 5); they must exist outside.
            var imported = Scope()
            if let names = subquery.imports {
                for name in names {
                    guard let type = scope[name] else {
                        throw fail(.undefinedVariable, "Variable `\(name)` not defined", at: clause.span)
                    }
                    imported[name] = type
                }
            } else {
                imported = scope
            }
            let columns = try checkQuery(subquery.query, outer: imported, isSubquery: true) ?? []
            for column in columns {
                if scope.contains(column) {
                    throw fail(.variableAlreadyBound, "Variable `\(column)` already declared", at: clause.span)
                }
                scope[column] = .any
            }
        case .foreach(let foreach):
            _ = try checkExpression(foreach.list, scope: scope, context: .plain)
            var inner = scope
            inner[foreach.variable] = .any
            for nested in foreach.clauses { _ = try checkClause(nested, scope: &inner) }
        }
        return nil
    }

    func requireVariable(_ name: String, scope: Scope, span: SourceSpan) throws(CypherSyntaxError) {
        if !scope.contains(name) { throw fail(.undefinedVariable, "Variable `\(name)` not defined", at: span) }
    }

    func checkSetItem(_ item: SetItem, scope: Scope) throws(CypherSyntaxError) {
        switch item {
        case .property(let target, _, let value, _):
            _ = try checkExpression(target, scope: scope, context: .plain)
            _ = try checkExpression(value, scope: scope, context: .plain)
        case .replace(let variable, let value, let span), .merge(let variable, let value, let span):
            try requireVariable(variable, scope: scope, span: span)
            _ = try checkExpression(value, scope: scope, context: .plain)
        case .labels(let variable, _, let span):
            try requireVariable(variable, scope: scope, span: span)
        }
    }

    /// A WHERE condition: no aggregation, and it must be able to yield a boolean.
    func checkPredicate(_ condition: Expression, scope: Scope) throws(CypherSyntaxError) {
        let type = try checkExpression(condition, scope: scope, context: .predicate)
        if !type.mayBeBoolean {
            throw fail(.invalidArgumentType, "Type mismatch: expected Boolean but was \(type)", at: condition.span)
        }
    }

    func checkCall(_ call: CallClause, scope: inout Scope, span: SourceSpan) throws(CypherSyntaxError) {
        for argument in call.arguments ?? [] {
            _ = try checkExpression(argument, scope: scope, context: .plain)
        }
        let signature = procedures?[call.qualifiedName]
        if procedures != nil, signature == nil {
            throw fail(.procedureNotFound, "There is no procedure with the name `\(call.qualifiedName)`", at: span)
        }
        if let signature {
            if let arguments = call.arguments {
                let required = signature.inputs.count - signature.optionalInputs
                if arguments.count < required || arguments.count > signature.inputs.count {
                    let expected = required == signature.inputs.count
                        ? "\(required)" : "\(required) to \(signature.inputs.count)"
                    throw fail(
                        .invalidNumberOfArguments,
                        "Procedure call does not provide the required number of arguments: expected "
                            + "\(expected), got \(arguments.count)", at: span)
                }
                for (argument, input) in zip(arguments, signature.inputs) {
                    let type = try checkExpression(argument, scope: scope, context: .plain)
                    if !Self.isAssignable(type, to: input.type) {
                        throw fail(
                            .invalidArgumentType, "Type mismatch: expected \(input.type) but was \(type)",
                            at: argument.span)
                    }
                }
            } else if call.yieldItems != nil || call.yieldAll {
                throw fail(
                    .invalidArgumentPassingMode,
                    "Procedure call inside a query does not support passing arguments implicitly",
                    at: span)
            } else if let parameters {
                for input in signature.inputs.dropLast(signature.optionalInputs) where !parameters.contains(input.name) {
                    throw fail(.missingParameter, "Expected parameter $\(input.name)", at: span)
                }
            }
        }
        if let items = call.yieldItems {
            var seen = Set<String>()
            for item in items {
                if let signature, !signature.outputs.contains(where: { $0.name == item.field }) {
                    throw fail(.undefinedVariable, "Unknown procedure output `\(item.field)`", at: item.span)
                }
                if scope.contains(item.name) || !seen.insert(item.name).inserted {
                    throw fail(.variableAlreadyBound, "Variable `\(item.name)` already declared", at: item.span)
                }
                let type = signature?.outputs.first { $0.name == item.field }?.type ?? .any
                scope[item.name] = type
            }
        } else if call.yieldAll, let signature {
            for output in signature.outputs { scope[output.name] = output.type }
        }
        if let condition = call.whereClause { try checkPredicate(condition, scope: scope) }
    }

    static func isAssignable(_ type: StaticType, to target: StaticType) -> Bool {
        if target == .any || type == .any || type == .null || type == target { return true }
        if target == .float, type == .integer { return true }
        if case .list = target, case .list = type { return true }
        return false
    }
}
