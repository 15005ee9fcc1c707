/// Prints AST nodes back as Cypher text in a canonical form: keywords upper case, every operator application
/// parenthesised, names backtick-quoted when needed. Parsing the output gives the same tree again.
public enum CypherPrinter {
    public static func print(_ statement: Statement) -> String {
        let prefix =
            switch statement.mode {
            case .run: ""
            case .explain: "EXPLAIN "
            case .profile: "PROFILE "
            }
        switch statement.kind {
        case .query(let query): return prefix + print(query)
        case .schema(let command): return prefix + print(command)
        }
    }

    public static func print(_ query: Query) -> String {
        var text = print(query.parts[0])
        for (index, part) in query.parts.dropFirst().enumerated() {
            text += query.unionAll[index] ? " UNION ALL " : " UNION "
            text += print(part)
        }
        return text
    }

    public static func print(_ query: SingleQuery) -> String {
        query.clauses.map(print).joined(separator: " ")
    }

    /// `SEARCH v IN (VECTOR INDEX name FOR e [WHERE e] LIMIT e) [SCORE AS s]`.
    public static func print(_ search: SearchClause) -> String {
        var text = "SEARCH \(name(search.variable)) IN (VECTOR INDEX \(name(search.indexName)) FOR "
        text += print(search.queryVector)
        if let filter = search.filter { text += " WHERE " + print(filter) }
        text += " LIMIT " + print(search.limit) + ")"
        if let score = search.scoreVariable { text += " SCORE AS " + name(score) }
        return text
    }

    public static func print(_ clause: Clause) -> String {
        switch clause.kind {
        case .match(let m):
            return (m.optional ? "OPTIONAL MATCH " : "MATCH ") + print(m.pattern.parts)
                + (m.search.map { " " + print($0) } ?? "")
                + (m.whereClause.map { " WHERE " + print($0) } ?? "")
        case .unwind(let u):
            return "UNWIND \(print(u.expression)) AS \(name(u.variable))"
        case .with(let p):
            return "WITH " + print(p)
        case .return(let p):
            return "RETURN " + print(p)
        case .create(let pattern):
            return "CREATE " + print(pattern.parts)
        case .merge(let m):
            var text = "MERGE " + print(m.pattern)
            if !m.onCreate.isEmpty { text += " ON CREATE SET " + m.onCreate.map(print).joined(separator: ", ") }
            if !m.onMatch.isEmpty { text += " ON MATCH SET " + m.onMatch.map(print).joined(separator: ", ") }
            return text
        case .set(let items):
            return "SET " + items.map(print).joined(separator: ", ")
        case .remove(let items):
            return "REMOVE "
                + items.map { item in
                    switch item {
                    case .property(let target, let key, _): "\(print(target)).\(name(key))"
                    case .labels(let v, let labels, _): name(v) + labels.map { ":" + name($0) }.joined()
                    }
                }.joined(separator: ", ")
        case .delete(let d):
            return (d.detach ? "DETACH DELETE " : "DELETE ") + d.expressions.map(print).joined(separator: ", ")
        case .call(let c):
            var text = "CALL " + (c.namespace + [c.name]).map(name).joined(separator: ".")
            if let arguments = c.arguments { text += "(" + arguments.map(print).joined(separator: ", ") + ")" }
            if c.yieldAll { text += " YIELD *" }
            if let items = c.yieldItems {
                text +=
                    " YIELD "
                    + items.map { name($0.field) + ($0.alias.map { " AS " + name($0) } ?? "") }.joined(separator: ", ")
            }
            if let condition = c.whereClause { text += " WHERE " + print(condition) }
            return text
        case .subquery(let s):
            var text = "CALL { " + print(s.query) + " }"
            if let t = s.inTransactions {
                text += " IN TRANSACTIONS" + (t.batchSize.map { " OF " + print($0) + " ROWS" } ?? "")
            }
            return text
        case .foreach(let f):
            return "FOREACH (\(name(f.variable)) IN \(print(f.list)) | "
                + f.clauses.map(print).joined(separator: " ") + ")"
        }
    }

    static func print(_ p: ProjectionClause) -> String {
        var items: [String] = p.includesAll ? ["*"] : []
        items += p.items.map { item in
            // Without an alias the column is named by its source text, which printing must keep.
            print(item.expression) + " AS " + name(item.name)
        }
        var text = (p.distinct ? "DISTINCT " : "") + items.joined(separator: ", ")
        if !p.orderBy.isEmpty {
            text +=
                " ORDER BY "
                + p.orderBy.map { print($0.expression) + ($0.ascending ? " ASC" : " DESC") }.joined(separator: ", ")
        }
        if let skip = p.skip { text += " SKIP " + print(skip) }
        if let limit = p.limit { text += " LIMIT " + print(limit) }
        if let condition = p.whereClause { text += " WHERE " + print(condition) }
        return text
    }

    static func print(_ item: SetItem) -> String {
        switch item {
        case .property(let target, let key, let value, _): "\(print(target)).\(name(key)) = \(print(value))"
        case .replace(let v, let value, _): "\(name(v)) = \(print(value))"
        case .merge(let v, let value, _): "\(name(v)) += \(print(value))"
        case .labels(let v, let labels, _): name(v) + labels.map { ":" + name($0) }.joined()
        }
    }

    public static func print(_ command: SchemaCommand) -> String {
        switch command.kind {
        case .createUniqueConstraint(let n, let ifNotExists, let v, let label, let properties):
            let props = properties.map { "\(name(v)).\(name($0))" }
            return "CREATE CONSTRAINT" + (n.map { " " + name($0) } ?? "") + (ifNotExists ? " IF NOT EXISTS" : "")
                + " FOR (\(name(v)):\(name(label))) REQUIRE "
                + (props.count == 1 ? props[0] : "(" + props.joined(separator: ", ") + ")") + " IS UNIQUE"
        case .createConstraint(let n, let ifNotExists, let v, let target, let properties, let requirement):
            let props = properties.map { "\(name(v)).\(name($0))" }
            let pattern: String
            switch target {
            case .label(let l): pattern = "(\(name(v)):\(name(l)))"
            case .relationshipType(let t): pattern = "()-[\(name(v)):\(name(t))]-()"
            }
            let rule: String
            switch requirement {
            case .unique: rule = "IS UNIQUE"
            case .key: rule = "IS KEY"
            case .notNull: rule = "IS NOT NULL"
            }
            return "CREATE CONSTRAINT" + (n.map { " " + name($0) } ?? "") + (ifNotExists ? " IF NOT EXISTS" : "")
                + " FOR \(pattern) REQUIRE " + (props.count == 1 ? props[0] : "(" + props.joined(separator: ", ") + ")")
                + " " + rule
        case .dropConstraint(let n, let ifExists):
            return "DROP CONSTRAINT \(name(n))" + (ifExists ? " IF EXISTS" : "")
        case .createVectorIndex(let n, let ifNotExists, let v, let label, let property, let options):
            return "CREATE VECTOR INDEX" + (n.map { " " + name($0) } ?? "") + (ifNotExists ? " IF NOT EXISTS" : "")
                + " FOR (\(name(v)):\(name(label))) ON (\(name(v)).\(name(property)))"
                + (options.map { " OPTIONS " + print($0) } ?? "")
        case .createPropertyIndex(let n, let ifNotExists, let text, let v, let label, let properties):
            return "CREATE \(text ? "TEXT" : "RANGE") INDEX" + (n.map { " " + name($0) } ?? "")
                + (ifNotExists ? " IF NOT EXISTS" : "") + " FOR (\(name(v)):\(name(label))) ON ("
                + properties.map { "\(name(v)).\(name($0))" }.joined(separator: ", ") + ")"
        case .dropIndex(let n, let ifExists):
            return "DROP INDEX \(name(n))" + (ifExists ? " IF EXISTS" : "")
        case .dropIndexOn(let label, let properties):
            return "DROP INDEX ON :\(name(label))(" + properties.map(name).joined(separator: ", ") + ")"
        case .dropConstraintOn(let target, let properties, let requirement):
            let pattern: String
            switch target {
            case .label(let l): pattern = "(v:\(name(l)))"
            case .relationshipType(let t): pattern = "()-[v:\(name(t))]-()"
            }
            let props = properties.map { "v.\(name($0))" }
            let rule: String
            switch requirement {
            case .unique: rule = "IS UNIQUE"
            case .key: rule = "IS KEY"
            case .notNull: rule = "IS NOT NULL"
            }
            return "DROP CONSTRAINT ON \(pattern) ASSERT " + (props.count == 1 ? props[0] : "(" + props.joined(separator: ", ") + ")")
                + " " + rule
        case .showConstraints:
            return "SHOW CONSTRAINTS"
        case .showIndexes:
            return "SHOW INDEXES"
        }
    }

    /// A name, backtick-quoted unless it is a plain identifier.
    public static func name(_ text: String) -> String {
        let scalars = text.unicodeScalars
        if let first = scalars.first, first.isASCII, first.properties.isAlphabetic || first == "_",
            scalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) })
        {
            return text
        }
        return "`" + text.replacing("`", with: "``") + "`"
    }
}
