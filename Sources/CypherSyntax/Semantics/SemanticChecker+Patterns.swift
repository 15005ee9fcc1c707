extension SemanticChecker {
    enum PatternMode { case match, create, merge, expression, comprehension }

    /// Binds the variables of MATCH/CREATE/MERGE pattern parts into `scope`, checking their kinds.
    func bindPattern(_ parts: [PatternPart], scope: inout Scope, mode: PatternMode) throws(CypherSyntaxError) {
        let before = scope
        // Names introduced by this pattern and their kinds.
        var local: [String: StaticType] = [:]
        var relationshipsInPattern = Set<String>()

        func kindConflict(_ name: String, expected: StaticType, span: SourceSpan) -> CypherSyntaxError {
            fail(
                .variableTypeConflict, "Type mismatch: `\(name)` defined with conflicting type (expected \(expected))",
                at: span)
        }

        for part in parts {
            if mode == .create || mode == .merge {
                if part.shortest != nil {
                    throw fail(.unexpectedSyntax, "\(part.shortest!.rawValue) is not allowed here", at: part.span)
                }
            }
            for (index, node) in part.element.nodes.enumerated() {
                if let properties = node.properties {
                    try checkPatternProperties(properties, scope: scope, mode: mode)
                }
                guard let name = node.variable else { continue }
                if let known = local[name] ?? before[name] {
                    if known != .node && known != .any && known != .null {
                        throw kindConflict(name, expected: .node, span: node.span)
                    }
                    let isNew = local[name] != nil && before[name] == nil
                    if mode == .create || mode == .merge {
                        // Re-declaring a bound node with labels or properties, or creating a bound node alone.
                        let alone = part.element.chain.isEmpty && index == 0
                        if !node.labels.isEmpty || node.properties != nil || (alone && mode == .create && !isNew)
                            || (alone && mode == .merge)
                        {
                            throw fail(.variableAlreadyBound, "Variable `\(name)` already declared", at: node.span)
                        }
                    }
                } else {
                    local[name] = .node
                    scope[name] = .node
                }
            }
            for step in part.element.chain {
                let relationship = step.relationship
                if mode == .create || mode == .merge, let name = relationship.variable,
                    local[name] ?? before[name] != nil
                {
                    throw fail(.variableAlreadyBound, "Variable `\(name)` already declared", at: relationship.span)
                }
                if mode == .create || mode == .merge {
                    if relationship.types.count != 1 {
                        throw fail(
                            .noSingleRelationshipType,
                            "A single relationship type must be specified for \(mode == .create ? "CREATE" : "MERGE")",
                            at: relationship.span)
                    }
                    if mode == .create && relationship.direction == .both {
                        throw fail(
                            .requiresDirectedRelationship, "Only directed relationships are supported in CREATE",
                            at: relationship.span)
                    }
                    if relationship.length != nil {
                        throw fail(
                            .creatingVarLength,
                            "Variable length relationships cannot be used in \(mode == .create ? "CREATE" : "MERGE")",
                            at: relationship.span)
                    }
                }
                if let properties = relationship.properties {
                    try checkPatternProperties(properties, scope: scope, mode: mode)
                }
                guard let name = relationship.variable else { continue }
                let type: StaticType = relationship.length == nil ? .relationship : .list(.relationship)
                if let known = local[name] ?? before[name] {
                    let compatible: Bool =
                        switch known {
                        case .relationship, .list(.relationship), .any, .null, .list(.any): true
                        default: false
                        }
                    if !compatible { throw kindConflict(name, expected: .relationship, span: relationship.span) }
                    if mode == .create || mode == .merge {
                        throw fail(.variableAlreadyBound, "Variable `\(name)` already declared", at: relationship.span)
                    }
                    if relationshipsInPattern.contains(name) {
                        throw fail(
                            .relationshipUniquenessViolation,
                            "Cannot use the same relationship variable `\(name)` for multiple relationships",
                            at: relationship.span)
                    }
                } else {
                    local[name] = type
                    scope[name] = type
                }
                relationshipsInPattern.insert(name)
            }
            if let name = part.variable {
                if local[name] != nil || before[name] != nil {
                    throw fail(.variableAlreadyBound, "Variable `\(name)` already declared", at: part.span)
                }
                local[name] = .path
                scope[name] = .path
            }
        }
    }

    /// Property maps in patterns: parameters are not allowed in MATCH and MERGE.
    func checkPatternProperties(_ properties: Expression, scope: Scope, mode: PatternMode) throws(CypherSyntaxError) {
        if case .parameter = properties.kind, mode != .create {
            throw fail(
                .invalidParameterUse, "Parameter maps cannot be used in MATCH or MERGE patterns", at: properties.span)
        }
        _ = try checkExpression(properties, scope: scope, context: .plain)
    }
}
