import CypherSyntax

/// Binary operators: boolean logic, IN, string predicates, regular expressions and arithmetic (numbers,
/// strings, lists and temporals).
extension QueryExecutor {
    func binary(_ op: BinaryOperator, _ a: Expression, _ b: Expression, _ row: Row) throws -> Value {
        func bool3(_ v: Value) throws -> Bool? {
            switch v {
            case .null: return nil
            case .bool(let b): return b
            default: throw typeError("\(op.rawValue) needs booleans, not \(v.typeName)")
            }
        }
        switch op {
        case .and:
            let x = try bool3(try eval(a, row))
            if x == false { return .bool(false) }
            let y = try bool3(try eval(b, row))
            return and3(x, y).map(Value.bool) ?? .null
        case .or:
            let x = try bool3(try eval(a, row))
            if x == true { return .bool(true) }
            let y = try bool3(try eval(b, row))
            if y == true { return .bool(true) }
            return x == nil || y == nil ? .null : .bool(false)
        case .xor:
            let x = try bool3(try eval(a, row))
            let y = try bool3(try eval(b, row))
            guard let x, let y else { return .null }
            return .bool(x != y)
        default: break
        }
        let x = try eval(a, row)
        let y = try eval(b, row)
        switch op {
        case .in:
            if y.isNull { return .null }
            guard case .list(let items) = y else { throw typeError("IN needs a list, not \(y.typeName)") }
            var unknown = false
            for item in items {
                switch Value.equals(x, item) {
                case .some(true): return .bool(true)
                case nil: unknown = true
                default: break
                }
            }
            return unknown ? .null : .bool(false)
        case .startsWith, .endsWith, .contains:
            guard case .string(let s) = x, case .string(let t) = y else { return .null }
            switch op {
            case .startsWith: return .bool(s.hasPrefix(t))
            case .endsWith: return .bool(s.hasSuffix(t))
            default: return .bool(t.isEmpty || s.contains(t))
            }
        case .regexMatch:
            guard case .string(let s) = x, case .string(let pattern) = y else { return .null }
            let regex = try compiledRegex(pattern)
            try spend(1 + s.utf8.count / 1024)
            return .bool(try regex.wholeMatch(s) { () throws(CypherRuntimeError) in try checkpoint() })
        default:
            return try arithmetic(op, x, y)
        }
    }

    /// The compiled regular expression for `pattern`, compiled once per query.
    func compiledRegex(_ pattern: String) throws(CypherRuntimeError) -> CypherRegex {
        if let r = regexCache[pattern] { return r }
        let r = try CypherRegex(pattern)
        if regexCache.count < 64 { regexCache[pattern] = r }
        return r
    }

    func arithmetic(_ op: BinaryOperator, _ x: Value, _ y: Value) throws -> Value {
        if x.isNull || y.isNull { return .null }
        if op == .add {
            switch (x, y) {
            case (.list(let l), .list(let r)):
                try checkListSize(l.count + r.count)
                return .list(l + r)
            case (.list(let l), _):
                try checkListSize(l.count + 1)
                return .list(l + [y])
            case (_, .list(let r)):
                try checkListSize(r.count + 1)
                return .list([x] + r)
            case (.string(let s), .string(let t)):
                try checkStringSize(s.utf8.count + t.utf8.count)
                return .string(s + t)
            case (.string(let s), .int), (.string(let s), .float): return .string(s + Self.text(y))
            case (.int, .string(let t)), (.float, .string(let t)): return .string(Self.text(x) + t)
            default: break
            }
        }
        switch (x, y, op) {
        case (.temporal(let a), .temporal(let b), .add) where b.kind == .duration:
            return .temporal(a.kind == .duration ? try Temporal.addDurations(a, b, sign: 1) : try a.adding(b, sign: 1))
        case (.temporal(let a), .temporal(let b), .subtract) where b.kind == .duration:
            return .temporal(
                a.kind == .duration ? try Temporal.addDurations(a, b, sign: -1) : try a.adding(b, sign: -1))
        case (.temporal(let a), .temporal(let b), .add) where a.kind == .duration:
            return .temporal(try b.adding(a, sign: 1))
        case (.temporal(let a), _, .multiply) where a.kind == .duration && y.doubleValue != nil:
            return .temporal(try a.scaled(by: y.doubleValue!))
        case (_, .temporal(let b), .multiply) where b.kind == .duration && x.doubleValue != nil:
            return .temporal(try b.scaled(by: x.doubleValue!))
        case (.temporal(let a), _, .divide) where a.kind == .duration && y.doubleValue != nil:
            guard y.doubleValue! != 0 else { throw CypherRuntimeError(.divisionByZero, "division by zero") }
            return .temporal(try a.scaled(by: 1 / y.doubleValue!))
        default: break
        }
        switch (x, y) {
        case (.int(let p), .int(let q)):
            let r: (Int64, Bool)
            switch op {
            case .add: r = p.addingReportingOverflow(q)
            case .subtract: r = p.subtractingReportingOverflow(q)
            case .multiply: r = p.multipliedReportingOverflow(by: q)
            case .divide:
                guard q != 0 else { throw CypherRuntimeError(.divisionByZero, "division by zero") }
                r = p.dividedReportingOverflow(by: q)
            case .modulo:
                guard q != 0 else { throw CypherRuntimeError(.divisionByZero, "division by zero") }
                r = p.remainderReportingOverflow(dividingBy: q)
            case .power: return .float(mathPow(Double(p), Double(q)))
            default: throw typeError("bad operator")
            }
            if r.1 { throw CypherRuntimeError(.integerOverflow, "integer overflow") }
            return .int(r.0)
        case (.int, .float), (.float, .int), (.float, .float):
            let p = x.doubleValue!
            let q = y.doubleValue!
            switch op {
            case .add: return .float(p + q)
            case .subtract: return .float(p - q)
            case .multiply: return .float(p * q)
            case .divide: return .float(p / q)
            case .modulo: return .float(p.truncatingRemainder(dividingBy: q))
            case .power: return .float(mathPow(p, q))
            default: throw typeError("bad operator")
            }
        default:
            throw typeError("cannot apply \(op.rawValue) to \(x.typeName) and \(y.typeName)")
        }
    }

    /// Fails with `MemoryPoolOutOfMemoryError` when a string of `bytes` would not fit in the query's memory.
    /// Building it also spends work (a unit per 4 KiB), so the time limit is checked as strings grow.
    func checkStringSize(_ bytes: Int) throws(CypherRuntimeError) {
        if bytes >= 1 << 12 {
            try memory.check(48 + bytes)
            try spend(bytes >> 12)
        }
    }

    /// Fails with `MemoryPoolOutOfMemoryError` when a list of `count` elements would not fit.
    /// Building it also spends work (a unit per 256 elements).
    func checkListSize(_ count: Int) throws(CypherRuntimeError) {
        if count >= 1 << 8 {
            try memory.check(count > (Int.max - 48) / 40 ? Int.max : 48 + 40 * count)
            try spend(count >> 8)
        }
    }

    /// `toString` text of a number.
    static func text(_ v: Value) -> String {
        switch v {
        case .int(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "NaN" }
            if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
            return String(d)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .temporal(let t): return t.text
        default: return ""
        }
    }
}
