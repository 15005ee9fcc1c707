extension Parser {
    var isSchemaCommandStart: Bool {
        if isKeyword("CREATE") {
            let next = peek(1)
            return next.isKeyword("CONSTRAINT") || next.isKeyword("INDEX")
                || ((next.isKeyword("VECTOR") || next.isKeyword("RANGE") || next.isKeyword("TEXT"))
                    && peek(2).isKeyword("INDEX"))
        }
        if isKeyword("DROP") { return peek(1).isKeyword("CONSTRAINT") || peek(1).isKeyword("INDEX") }
        if isKeyword("SHOW") { return true }
        return false
    }

    mutating func parseSchemaCommand() throws(CypherSyntaxError) -> SchemaCommand {
        let start = current.span.start
        if acceptKeyword("SHOW") {
            if acceptKeyword("CONSTRAINTS") || acceptKeyword("CONSTRAINT") {
                return SchemaCommand(.showConstraints, span: span(from: start))
            }
            if acceptKeyword("INDEXES") || acceptKeyword("INDEX") {
                return SchemaCommand(.showIndexes, span: span(from: start))
            }
            throw unexpected(expected: "CONSTRAINTS or INDEXES")
        }
        if acceptKeyword("DROP") {
            let isConstraint = acceptKeyword("CONSTRAINT")
            if !isConstraint { try expectKeyword("INDEX") }
            if acceptKeyword("ON") {
                if isConstraint {
                    // Neo4j 4: DROP CONSTRAINT ON (v:Label) ASSERT v.p IS UNIQUE.
                    let (variable, target) = try parseConstraintTarget()
                    let (properties, requirement) = try parseConstraintRule(of: variable, target: target)
                    return SchemaCommand(
                        .dropConstraintOn(target: target, properties: properties, requirement: requirement),
                        span: span(from: start))
                }
                // Neo4j 4: DROP INDEX ON :Label(prop[, …]).
                let (label, properties) = try parseLabelAndPropertyList()
                return SchemaCommand(.dropIndexOn(label: label, properties: properties), span: span(from: start))
            }
            let name = try parseName("a name")
            var ifExists = false
            if acceptKeyword("IF") {
                try expectKeyword("EXISTS")
                ifExists = true
            }
            let kind: SchemaCommand.Kind =
                isConstraint
                ? .dropConstraint(name: name, ifExists: ifExists) : .dropIndex(name: name, ifExists: ifExists)
            return SchemaCommand(kind, span: span(from: start))
        }
        try expectKeyword("CREATE")
        if acceptKeyword("CONSTRAINT") {
            let (name, ifNotExists) = try parseSchemaNameAndIfNotExists(allowingOn: true)
            let (variable, target) = try parseConstraintTarget()
            let (properties, requirement) = try parseConstraintRule(of: variable, target: target)
            if case .label(let label) = target, requirement == .unique {
                return SchemaCommand(
                    .createUniqueConstraint(
                        name: name, ifNotExists: ifNotExists, variable: variable, label: label, properties: properties),
                    span: span(from: start))
            }
            return SchemaCommand(
                .createConstraint(
                    name: name, ifNotExists: ifNotExists, variable: variable, target: target, properties: properties,
                    requirement: requirement),
                span: span(from: start))
        }
        if isKeyword("INDEX") || isKeyword("RANGE") || isKeyword("TEXT") {
            let text = acceptKeyword("TEXT")
            if !text { _ = acceptKeyword("RANGE") }
            try expectKeyword("INDEX")
            if acceptKeyword("ON") {
                // Neo4j 4: CREATE INDEX ON :Label(prop[, …]).
                let (label, properties) = try parseLabelAndPropertyList()
                return SchemaCommand(
                    .createPropertyIndex(
                        name: nil, ifNotExists: false, text: text, variable: "n", label: label, properties: properties),
                    span: span(from: start))
            }
            let (name, ifNotExists) = try parseSchemaNameAndIfNotExists()
            let (variable, label) = try parseSchemaTarget()
            try expectKeyword("ON")
            try expectSymbol("(")
            var properties: [String] = []
            repeat { properties.append(try parseSchemaProperty(of: variable)) } while acceptSymbol(",")
            try expectSymbol(")")
            return SchemaCommand(
                .createPropertyIndex(
                    name: name, ifNotExists: ifNotExists, text: text, variable: variable, label: label,
                    properties: properties),
                span: span(from: start))
        }
        try expectKeyword("VECTOR")
        try expectKeyword("INDEX")
        let (name, ifNotExists) = try parseSchemaNameAndIfNotExists()
        let (variable, label) = try parseSchemaTarget()
        try expectKeyword("ON")
        let parenthesised = acceptSymbol("(")
        let property = try parseSchemaProperty(of: variable)
        if parenthesised { try expectSymbol(")") }
        // Neo4j 2026.01's `WITH [v.a, v.b]`: the properties SEARCH may filter on. Accepted and checked; our
        // in-index filter takes any predicate, so the list restricts nothing.
        if acceptKeyword("WITH") {
            try expectSymbol("[")
            repeat { _ = try parseSchemaProperty(of: variable) } while acceptSymbol(",")
            try expectSymbol("]")
        }
        var options: Expression? = nil
        if acceptKeyword("OPTIONS") { options = try parseMapLiteral() }
        return SchemaCommand(
            .createVectorIndex(
                name: name, ifNotExists: ifNotExists, variable: variable, label: label, property: property,
                options: options),
            span: span(from: start))
    }

    /// `[name] [IF NOT EXISTS]` before `FOR` (or, for a constraint in Neo4j 4's syntax, `ON`).
    private mutating func parseSchemaNameAndIfNotExists(allowingOn: Bool = false) throws(CypherSyntaxError) -> (String?, Bool) {
        var name: String? = nil
        if !isKeyword("FOR"), !(allowingOn && isKeyword("ON")), !(isKeyword("IF") && peek(1).isKeyword("NOT")) {
            name = try parseName("a name")
        }
        var ifNotExists = false
        if acceptKeyword("IF") {
            try expectKeyword("NOT")
            try expectKeyword("EXISTS")
            ifNotExists = true
        }
        if !(allowingOn && acceptKeyword("ON")) { try expectKeyword("FOR") }
        return (name, ifNotExists)
    }

    /// `REQUIRE` (Neo4j 5) or `ASSERT` (Neo4j 4), the properties, and `IS [NODE | REL] UNIQUE | KEY` or `IS NOT NULL`.
    private mutating func parseConstraintRule(
        of variable: String, target: SchemaCommand.ConstraintTarget
    ) throws(CypherSyntaxError) -> ([String], SchemaCommand.ConstraintRequirement) {
        if !acceptKeyword("ASSERT") { try expectKeyword("REQUIRE") }
        var properties: [String] = []
        if acceptSymbol("(") {
            repeat { properties.append(try parseSchemaProperty(of: variable)) } while acceptSymbol(",")
            try expectSymbol(")")
        } else {
            properties.append(try parseSchemaProperty(of: variable))
        }
        try expectKeyword("IS")
        if acceptKeyword("NOT") {
            try expectKeyword("NULL")
            return (properties, .notNull)
        }
        if case .label = target { _ = acceptKeyword("NODE") } else if !acceptKeyword("REL") { _ = acceptKeyword("RELATIONSHIP") }
        if acceptKeyword("KEY") { return (properties, .key) }
        try expectKeyword("UNIQUE")
        return (properties, .unique)
    }

    /// `:Label(prop[, …])`, as Neo4j 4's `CREATE INDEX ON` and `DROP INDEX ON` write it.
    private mutating func parseLabelAndPropertyList() throws(CypherSyntaxError) -> (String, [String]) {
        try expectSymbol(":")
        let label = try parseName("a label")
        try expectSymbol("(")
        var properties: [String] = []
        repeat { properties.append(try parseName("a property key")) } while acceptSymbol(",")
        try expectSymbol(")")
        return (label, properties)
    }

    /// `(v:Label)`, or a relationship `()-[v:TYPE]-()` in either direction.
    private mutating func parseConstraintTarget() throws(CypherSyntaxError) -> (String, SchemaCommand.ConstraintTarget) {
        guard isSymbol("(") && peek(1).isSymbol(")") else {
            let (variable, label) = try parseSchemaTarget()
            return (variable, .label(label))
        }
        try expectSymbol("(")
        try expectSymbol(")")
        let leftArrow = acceptSymbol("<")
        try expectSymbol("-")
        try expectSymbol("[")
        let variable = try parseName("a variable")
        try expectSymbol(":")
        let type = try parseName("a relationship type")
        try expectSymbol("]")
        try expectSymbol("-")
        if !leftArrow { _ = acceptSymbol(">") }
        try expectSymbol("(")
        try expectSymbol(")")
        return (variable, .relationshipType(type))
    }

    /// `(v:Label)`.
    private mutating func parseSchemaTarget() throws(CypherSyntaxError) -> (String, String) {
        try expectSymbol("(")
        let variable = try parseName("a variable")
        try expectSymbol(":")
        let label = try parseName("a label")
        try expectSymbol(")")
        return (variable, label)
    }

    /// `v.prop`, checking that `v` is the variable bound in FOR.
    private mutating func parseSchemaProperty(of variable: String) throws(CypherSyntaxError) -> String {
        let token = current
        let name = try parseName("a variable")
        if name != variable {
            throw error(.undefinedVariable, "Variable `\(name)` not defined", at: token.span)
        }
        try expectSymbol(".")
        return try parseName("a property key")
    }
}
