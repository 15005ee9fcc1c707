import CypherSyntax
import GraphStore

extension QueryExecutor {
    /// Evaluates `e` against `row`.
    func eval(_ e: Expression, _ row: Row) throws -> Value {
        switch e.kind {
        case .null: return .null
        case .boolean(let b): return .bool(b)
        case .integer(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .parameter(let name):
            guard let v = parameters[name] else {
                throw CypherRuntimeError(.missingParameter, "expected parameter $\(name)")
            }
            return v
        case .variable(let name):
            return row[name] ?? .null
        case .list(let items):
            return .list(try items.map { try eval($0, row) })
        case .map(let entries):
            var m: [String: Value] = [:]
            for entry in entries { m[entry.key] = try eval(entry.value, row) }
            return .map(m)
        case .binary(let op, let a, let b):
            return try binary(op, a, b, row)
        case .unary(let op, let a):
            let v = try eval(a, row)
            switch op {
            case .not:
                switch v {
                case .null: return .null
                case .bool(let b): return .bool(!b)
                default: throw typeError("NOT needs a boolean, not \(v.typeName)")
                }
            case .minus:
                switch v {
                case .null: return .null
                case .int(let i):
                    guard i != .min else { throw CypherRuntimeError(.integerOverflow, "integer overflow") }
                    return .int(-i)
                case .float(let d): return .float(d == 0 ? 0 : -d)
                default: throw typeError("cannot negate a \(v.typeName)")
                }
            case .plus:
                switch v {
                case .null, .int, .float: return v
                default: throw typeError("unary plus needs a number")
                }
            }
        case .comparison(let first, let links):
            var lhs = try eval(first, row)
            var result: Bool? = true
            for link in links {
                let rhs = try eval(link.rhs, row)
                let r = compare(link.op, lhs, rhs)
                result = and3(result, r)
                if result == false { return .bool(false) }
                lhs = rhs
            }
            return result.map(Value.bool) ?? .null
        case .isNull(let a, let negated):
            let v = try eval(a, row)
            return .bool(v.isNull != negated)
        case .hasLabels(let a, let labels):
            let v = try eval(a, row)
            switch v {
            case .null: return .null
            case .node(let n):
                return .bool(withGraph { g in labels.allSatisfy { g.catalog.label($0).map { g.hasLabel(n, $0) } ?? false } })
            case .relationship(let r):
                let name = withGraph { $0.typeName(of: r) }
                return .bool(labels.allSatisfy { $0 == name })
            default: throw typeError("label predicate on a \(v.typeName)")
            }
        case .property(let a, let key):
            return try property(of: try eval(a, row), key)
        case .index(let a, let b):
            let base = try eval(a, row)
            let index = try eval(b, row)
            switch (base, index) {
            case (.null, _), (_, .null): return .null
            case (.list(let l), .int(let i)):
                let j = i < 0 ? Int64(l.count) + i : i
                return j >= 0 && j < l.count ? l[Int(j)] : .null
            case (.list, _): throw typeError("list index must be an integer")
            case (.map, .string(let k)), (.node, .string(let k)), (.relationship, .string(let k)):
                return try property(of: base, k)
            case (.map, _), (.node, _), (.relationship, _):
                throw CypherRuntimeError(.mapElementAccessByNonString, "map key must be a string")
            default: throw typeError("cannot index a \(base.typeName)")
            }
        case .slice(let a, let from, let to):
            let base = try eval(a, row)
            let f = try from.map { try eval($0, row) }
            let t = try to.map { try eval($0, row) }
            if base.isNull || f?.isNull == true || t?.isNull == true { return .null }
            guard case .list(let l) = base else { throw typeError("cannot slice a \(base.typeName)") }
            func bound(_ v: Value?, _ d: Int) throws -> Int {
                guard let v else { return d }
                guard case .int(let i) = v else { throw typeError("slice bounds must be integers") }
                let j = i < 0 ? Int64(l.count) + i : i
                return Int(max(0, min(Int64(l.count), j)))
            }
            let lo = try bound(f, 0)
            let hi = try bound(t, l.count)
            return .list(lo < hi ? Array(l[lo..<hi]) : [])
        case .function(let call):
            return try function(call, row)
        case .countStar:
            throw CypherRuntimeError(.unsupported, "count(*) outside a projection")
        case .caseExpression(let c):
            if let subject = c.subject {
                let s = try eval(subject, row)
                for alt in c.alternatives where Value.equals(s, try eval(alt.when, row)) == true {
                    return try eval(alt.then, row)
                }
            } else {
                for alt in c.alternatives where try eval(alt.when, row) == .bool(true) {
                    return try eval(alt.then, row)
                }
            }
            return try c.elseValue.map { try eval($0, row) } ?? .null
        case .listComprehension(let variable, let source, let predicate, let projection):
            let src = try eval(source, row)
            if src.isNull { return .null }
            guard case .list(let items) = src else { throw typeError("list comprehension over a \(src.typeName)") }
            var out: [Value] = []
            var r = row
            for item in items {
                try spend()
                r[variable] = item
                if let predicate, try eval(predicate, r) != .bool(true) { continue }
                out.append(try projection.map { try eval($0, r) } ?? item)
            }
            return .list(out)
        case .quantifier(let q, let variable, let source, let predicate):
            let src = try eval(source, row)
            if src.isNull { return .null }
            guard case .list(let items) = src else { throw typeError("quantifier over a \(src.typeName)") }
            var trues = 0
            var nulls = 0
            var r = row
            for item in items {
                try spend()
                r[variable] = item
                switch try predicate.map({ try eval($0, r) }) ?? .bool(true) {
                case .bool(true): trues += 1
                case .null: nulls += 1
                default: break
                }
            }
            let falses = items.count - trues - nulls
            switch q {
            case .all: return falses > 0 ? .bool(false) : (nulls > 0 ? .null : .bool(true))
            case .any: return trues > 0 ? .bool(true) : (nulls > 0 ? .null : .bool(false))
            case .none: return trues > 0 ? .bool(false) : (nulls > 0 ? .null : .bool(true))
            case .single:
                if trues > 1 { return .bool(false) }
                if nulls > 0 { return .null }
                return .bool(trues == 1)
            }
        case .reduce(let acc, let initial, let variable, let source, let body):
            let src = try eval(source, row)
            if src.isNull { return .null }
            guard case .list(let items) = src else { throw typeError("reduce over a \(src.typeName)") }
            var r = row
            r[acc] = try eval(initial, row)
            for item in items {
                try spend()
                r[variable] = item
                r[acc] = try eval(body, r)
            }
            return r[acc] ?? .null
        case .mapProjection(let base, let items):
            let b = try eval(base, row)
            if b.isNull { return .null }
            var m: [String: Value] = [:]
            for item in items {
                switch item {
                case .property(let k): m[k] = try property(of: b, k)
                case .literal(let k, let e): m[k] = try eval(e, row)
                case .variable(let v): m[v] = row[v] ?? .null
                case .allProperties:
                    if case .map(let all) = try properties(of: b) { m.merge(all) { $1 } }
                }
            }
            return .map(m)
        case .patternPredicate(let part):
            if let linked = try areLinked(part, row) { return .bool(linked) }
            return .bool(try !matchPart(part, row, limit: 1).isEmpty)
        case .patternComprehension(let pathVariable, let part, let predicate, let projection):
            var p = part
            if let pathVariable { p.variable = pathVariable }
            var out: [Value] = []
            for r in try matchPart(p, row, limit: nil) {
                if let predicate, try eval(predicate, r) != .bool(true) { continue }
                out.append(try eval(projection, r))
            }
            return .list(out)
        case .existsSubquery(let body):
            guard case .pattern(let parts, let whereClause) = body else {
                guard case .query(let q) = body else { return .null }
                for part in q.parts where try runSingle(part, from: row).bindings > 0 { return .bool(true) }
                return .bool(false)
            }
            let rows = try matchParts(parts, row)
            if let whereClause {
                for r in rows where try eval(whereClause, r) == .bool(true) { return .bool(true) }
                return .bool(false)
            }
            return .bool(!rows.isEmpty)
        case .countSubquery(let body):
            guard case .pattern(let parts, let whereClause) = body else {
                guard case .query(let q) = body else { return .null }
                return .int(Int64(try run(q, from: row).rows.count))
            }
            var n: Int64 = 0
            for r in try matchParts(parts, row)
            where try whereClause.map({ try eval($0, r) }) ?? .bool(true) == .bool(true) {
                n += 1
            }
            return .int(n)
        }
    }

    func typeError(_ message: String) -> CypherRuntimeError {
        CypherRuntimeError(.invalidArgumentType, message)
    }

    func and3(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) -> Bool? {
        switch op {
        case .equal: return Value.equals(a, b)
        case .notEqual: return Value.equals(a, b).map { !$0 }
        default:
            if a.isNull || b.isNull { return nil }
            if let x = a.doubleValue, let y = b.doubleValue, x.isNaN || y.isNaN { return false }
            guard let c = Value.compare(a, b) else { return nil }
            switch op {
            case .less: return c < 0
            case .lessOrEqual: return c <= 0
            case .greater: return c > 0
            default: return c >= 0
            }
        }
    }

    func property(of base: Value, _ key: String) throws -> Value {
        switch base {
        case .null: return .null
        case .map(let m): return m[key] ?? .null
        case .temporal(let t):
            guard let v = t.component(key) else { throw typeError("\(t.kind.rawValue) has no field \(key)") }
            return v
        case .node(let n):
            if deletedNodes.contains(n) {
                throw CypherRuntimeError(.deletedEntityAccess, "the node was deleted")
            }
            return withGraph { $0.property(n, key) }.map(Value.init) ?? .null
        case .relationship(let r):
            if deletedRelationships.contains(r) {
                throw CypherRuntimeError(.deletedEntityAccess, "the relationship was deleted")
            }
            return withGraph { g in g.catalog.propertyKey(key).flatMap { g.property(r, $0) } }.map(Value.init) ?? .null
        default: throw typeError("cannot read property \(key) of a \(base.typeName)")
        }
    }

    func properties(of v: Value) throws -> Value {
        switch v {
        case .null: return .null
        case .map: return v
        case .node(let n):
            return .map(withGraph { $0.propertyDictionary(of: n) }.mapValues(Value.init))
        case .relationship(let r):
            return .map(withGraph { g in
                var m: [String: Value] = [:]
                for entry in g.properties(of: r) { m[g.catalog.name(of: entry.key)] = Value(entry.value) }
                return m
            })
        default: throw typeError("properties() of a \(v.typeName)")
        }
    }
}
