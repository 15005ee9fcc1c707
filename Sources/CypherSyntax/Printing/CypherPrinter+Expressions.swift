extension CypherPrinter {
    public static func print(_ parts: [PatternPart]) -> String {
        parts.map(print).joined(separator: ", ")
    }

    public static func print(_ part: PatternPart) -> String {
        var element = print(part.element.start)
        for step in part.element.chain {
            element += print(step.relationship) + print(step.node)
        }
        if let shortest = part.shortest { element = "\(shortest.rawValue)(\(element))" }
        return (part.variable.map { name($0) + " = " } ?? "") + element
    }

    static func print(_ node: NodePattern) -> String {
        "(" + (node.variable.map(name) ?? "") + node.labels.map { ":" + name($0) }.joined()
            + (node.properties.map { " " + print($0) } ?? "") + ")"
    }

    static func print(_ r: RelationshipPattern) -> String {
        var inner = r.variable.map(name) ?? ""
        if !r.types.isEmpty { inner += ":" + r.types.map(name).joined(separator: "|") }
        if let length = r.length {
            inner += "*"
            if let minimum = length.minimum, minimum == length.maximum {
                inner += String(minimum)
            } else if length.minimum != nil || length.maximum != nil {
                inner += (length.minimum.map(String.init) ?? "") + ".." + (length.maximum.map(String.init) ?? "")
            }
        }
        if let properties = r.properties { inner += " " + print(properties) }
        let body = "-[" + inner + "]-"
        switch r.direction {
        case .outgoing: return body + ">"
        case .incoming: return "<" + body
        case .both: return body
        }
    }

    public static func print(_ e: Expression) -> String {
        switch e.kind {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return i < 0 ? "(\(i))" : String(i)
        case .float(let f): return f < 0 || (f == 0 && f.sign == .minus) ? "(\(float(f)))" : float(f)
        case .string(let s): return quote(s)
        case .parameter(let p): return "$" + name(p)
        case .variable(let v): return name(v)
        case .list(let items): return "[" + items.map(print).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { name($0.key) + ": " + print($0.value) }.joined(separator: ", ") + "}"
        case .binary(let op, let a, let b): return "(\(print(a)) \(op.rawValue) \(print(b)))"
        case .unary(let op, let a): return op == .not ? "(NOT \(print(a)))" : "(\(op.rawValue)\(print(a)))"
        case .comparison(let first, let links):
            return "(" + print(first) + links.map { " \($0.op.rawValue) " + print($0.rhs) }.joined() + ")"
        case .isNull(let a, let negated): return "(\(print(a)) IS \(negated ? "NOT " : "")NULL)"
        case .hasLabels(let a, let labels): return "(" + print(a) + labels.map { ":" + name($0) }.joined() + ")"
        case .property(let a, let key): return print(a) + "." + name(key)
        case .index(let a, let i): return print(a) + "[" + print(i) + "]"
        case .slice(let a, let from, let to):
            return print(a) + "[" + (from.map(print) ?? "") + ".." + (to.map(print) ?? "") + "]"
        case .function(let call):
            return (call.namespace + [call.name]).map(name).joined(separator: ".") + "("
                + (call.distinct ? "DISTINCT " : "") + call.arguments.map(print).joined(separator: ", ") + ")"
        case .countStar: return "count(*)"
        case .caseExpression(let c):
            var text = "CASE" + (c.subject.map { " " + print($0) } ?? "")
            for alternative in c.alternatives {
                text += " WHEN \(print(alternative.when)) THEN \(print(alternative.then))"
            }
            if let elseValue = c.elseValue { text += " ELSE " + print(elseValue) }
            return text + " END"
        case .listComprehension(let v, let source, let predicate, let projection):
            return "[\(name(v)) IN \(print(source))" + (predicate.map { " WHERE " + print($0) } ?? "")
                + (projection.map { " | " + print($0) } ?? "") + "]"
        case .patternComprehension(_, let pattern, let predicate, let projection):
            return "[" + print(pattern) + (predicate.map { " WHERE " + print($0) } ?? "") + " | " + print(projection)
                + "]"
        case .quantifier(let q, let v, let source, let predicate):
            return "\(q.rawValue)(\(name(v)) IN \(print(source))" + (predicate.map { " WHERE " + print($0) } ?? "")
                + ")"
        case .reduce(let acc, let initial, let v, let source, let body):
            return "reduce(\(name(acc)) = \(print(initial)), \(name(v)) IN \(print(source)) | \(print(body)))"
        case .mapProjection(let base, let items):
            return print(base) + "{"
                + items.map { item in
                    switch item {
                    case .property(let key): "." + name(key)
                    case .literal(let key, let value): name(key) + ": " + print(value)
                    case .variable(let v): name(v)
                    case .allProperties: ".*"
                    }
                }.joined(separator: ", ") + "}"
        case .patternPredicate(let pattern): return print(pattern)
        case .existsSubquery(let body): return "EXISTS " + print(body)
        case .countSubquery(let body): return "COUNT " + print(body)
        }
    }

    static func print(_ body: SubqueryBody) -> String {
        switch body {
        case .pattern(let parts, let condition):
            return "{ " + print(parts) + (condition.map { " WHERE " + print($0) } ?? "") + " }"
        case .query(let query):
            return "{ " + print(query) + " }"
        }
    }

    static func float(_ f: Double) -> String {
        if f.isNaN { return "(0.0 / 0.0)" }
        if f.isInfinite { return f > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)" }
        let text = "\(f)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    static func quote(_ s: String) -> String {
        var out = "'"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}
