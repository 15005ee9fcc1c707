import CypherSyntax
import GraphStore

extension QueryExecutor {
    /// The aggregate function names.
    static let aggregates: Set<String> = [
        "count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp", "percentilecont", "percentiledisc",
    ]

    func function(_ call: FunctionCall, _ row: Row) throws -> Value {
        let name = call.qualifiedName.lowercased()
        if Self.aggregates.contains(name) {
            throw CypherRuntimeError(.unsupported, "aggregate \(name) outside a projection")
        }
        if name == "exists" {
            guard let arg = call.arguments.first else { return .null }
            if case .patternPredicate = arg.kind { return try eval(arg, row) }
            return .bool(!(try eval(arg, row)).isNull)
        }
        let args = try call.arguments.map { try eval($0, row) }
        func typeError(_ message: String) -> CypherRuntimeError { CypherRuntimeError(.invalidArgumentValue, message) }
        func arg(_ i: Int) -> Value { i < args.count ? args[i] : .null }
        let a = arg(0)
        func intArg(_ v: Value, _ what: String) throws -> Int64 {
            guard case .int(let i) = v else { throw typeError("\(name) needs an integer \(what), not \(v.typeName)") }
            return i
        }
        func numeric(_ f: (Double) -> Double) throws -> Value {
            switch a {
            case .null: return .null
            case .int(let i): return .float(f(Double(i)))
            case .float(let d): return .float(f(d))
            default: throw typeError("\(name) needs a number, not \(a.typeName)")
            }
        }
        func string(_ f: (String) -> String) throws -> Value {
            switch a {
            case .null: return .null
            case .string(let s): return .string(f(s))
            default: throw typeError("\(name) needs a string, not \(a.typeName)")
            }
        }
        switch name {
        case "id", "elementid":
            switch a {
            case .null: return .null
            case .node(let n): return name == "id" ? .int(Int64(n.rawValue)) : .string(ElementID.string(n))
            case .relationship(let r): return name == "id" ? .int(Int64(r.rawValue)) : .string(ElementID.string(r))
            default: throw typeError("id() of a \(a.typeName)")
            }
        case "labels":
            switch a {
            case .null: return .null
            case .node(let n):
                if deletedNodes.contains(n) { throw CypherRuntimeError(.deletedEntityAccess, "the node was deleted") }
                return .list(withGraph { $0.labelNames(of: n) }.map { .string($0) })
            default: throw typeError("labels() of a \(a.typeName)")
            }
        case "type":
            switch a {
            case .null: return .null
            case .relationship(let r): return .string(withGraph { $0.typeName(of: r) })
            default: throw typeError("type() of a \(a.typeName)")
            }
        case "properties":
            return try properties(of: a)
        case "keys":
            switch try properties(of: a) {
            case .map(let m): return .list(m.keys.sorted().map { .string($0) })
            default: return .null
            }
        case "size":
            switch a {
            case .null: return .null
            case .list(let l): return .int(Int64(l.count))
            case .string(let s): return .int(Int64(s.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw typeError("size() of a \(a.typeName)")
            }
        case "length":
            switch a {
            case .null: return .null
            case .path(_, let r): return .int(Int64(r.count))
            case .list(let l): return .int(Int64(l.count))
            case .string(let s): return .int(Int64(s.count))
            default: throw typeError("length() of a \(a.typeName)")
            }
        case "nodes", "relationships":
            switch a {
            case .null: return .null
            case .path(let n, let r):
                return .list(name == "nodes" ? n.map { .node($0) } : r.map { .relationship($0) })
            default: throw typeError("\(name)() of a \(a.typeName)")
            }
        case "startnode", "endnode":
            switch a {
            case .null: return .null
            case .relationship(let r): return .node(withGraph { name == "startnode" ? $0.source(of: r) : $0.target(of: r) })
            default: throw typeError("\(name)() of a \(a.typeName)")
            }
        case "coalesce":
            return args.first { !$0.isNull } ?? .null
        case "head", "last":
            switch a {
            case .null: return .null
            case .list(let l): return (name == "head" ? l.first : l.last) ?? .null
            default: throw typeError("\(name)() of a \(a.typeName)")
            }
        case "tail":
            switch a {
            case .null: return .null
            case .list(let l): return .list(Array(l.dropFirst()))
            default: throw typeError("tail() of a \(a.typeName)")
            }
        case "range":
            for v in args {
                guard case .int = v else { throw CypherRuntimeError(.rangeArgumentType, "range() needs integers") }
            }
            let start = try intArg(a, "start")
            let end = try intArg(arg(1), "end")
            let step = args.count > 2 ? try intArg(arg(2), "step") : 1
            guard step != 0 else { throw CypherRuntimeError(.numberOutOfRange, "range() step must not be zero") }
            let span = step > 0 ? end.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(end)
            let count: UInt64 =
                span.overflow ? .max : (span.partialValue < 0 ? 0 : UInt64(span.partialValue) / step.magnitude + 1)
            try checkListSize(Int(clamping: count))
            var out: [Value] = []
            var i = start
            while step > 0 ? i <= end : i >= end {
                try spend()
                out.append(.int(i))
                let (next, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = next
            }
            return .list(out)
        case "tostring":
            switch a {
            case .null: return .null
            case .string, .int, .float, .bool, .temporal: return .string(Self.text(a))
            default: throw typeError("toString() of a \(a.typeName)")
            }
        case "tointeger":
            switch a {
            case .null: return .null
            case .int: return a
            case .float(let d):
                guard d.isFinite, abs(d) < 9.2e18 else { return .null }
                return .int(Int64(d.rounded(.towardZero)))
            case .string(let s):
                let t = s.trimmingWhitespace
                if let i = Int64(t) { return .int(i) }
                if let d = Double(t), d.isFinite, abs(d) < 9.2e18 { return .int(Int64(d.rounded(.towardZero))) }
                return .null
            case .bool(let b): return .int(b ? 1 : 0)
            default: throw typeError("toInteger() of a \(a.typeName)")
            }
        case "tofloat":
            switch a {
            case .null: return .null
            case .int(let i): return .float(Double(i))
            case .float: return a
            case .string(let s): return Double(s.trimmingWhitespace).map(Value.float) ?? .null
            default: throw typeError("toFloat() of a \(a.typeName)")
            }
        case "toboolean":
            switch a {
            case .null: return .null
            case .bool: return a
            case .string(let s):
                switch s.trimmingWhitespace.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: return .null
                }
            case .int(let i): return .bool(i != 0)
            default: throw typeError("toBoolean() of a \(a.typeName)")
            }
        case "abs":
            switch a {
            case .null: return .null
            case .int(let i):
                guard i != .min else { throw CypherRuntimeError(.integerOverflow, "integer overflow") }
                return .int(Swift.abs(i))
            case .float(let d): return .float(Swift.abs(d))
            default: throw typeError("abs() of a \(a.typeName)")
            }
        case "sign":
            switch a {
            case .null: return .null
            case .int(let i): return .int(i.signum())
            case .float(let d): return .int(d > 0 ? 1 : (d < 0 ? -1 : 0))
            default: throw typeError("sign() of a \(a.typeName)")
            }
        case "round":
            if case .int = a { return .float(a.doubleValue!) }
            return try numeric { ($0 - $0.rounded(.down)) == 0.5 ? $0.rounded(.up) : $0.rounded() }
        case "floor": return try numeric { $0.rounded(.down) }
        case "ceil": return try numeric { $0.rounded(.up) }
        case "sqrt": return try numeric(mathSqrt)
        case "exp": return try numeric(mathExp)
        case "log": return try numeric(mathLog)
        case "log10": return try numeric(mathLog10)
        case "sin": return try numeric(mathSin)
        case "cos": return try numeric(mathCos)
        case "tan": return try numeric(mathTan)
        case "asin": return try numeric(mathAsin)
        case "acos": return try numeric(mathAcos)
        case "atan": return try numeric(mathAtan)
        case "atan2":
            guard let y = a.doubleValue, let x = arg(1).doubleValue else { return .null }
            return .float(mathAtan2(y, x))
        case "degrees": return try numeric { $0 * 180 / Double.pi }
        case "radians": return try numeric { $0 * Double.pi / 180 }
        case "pi": return .float(Double.pi)
        case "e": return .float(mathExp(1))
        case "rand": return .float(Double.random(in: 0..<1))
        case "toupper": return try string { $0.uppercased() }
        case "tolower": return try string { $0.lowercased() }
        case "trim": return try string { $0.trimmingWhitespace }
        case "ltrim": return try string { String($0.drop { $0 == " " || $0 == "\t" || $0 == "\n" }) }
        case "rtrim":
            return try string { s in
                var t = Substring(s)
                while let l = t.last, l == " " || l == "\t" || l == "\n" { t = t.dropLast() }
                return String(t)
            }
        case "reverse":
            switch a {
            case .null: return .null
            case .string(let s): return .string(String(s.reversed()))
            case .list(let l): return .list(l.reversed())
            default: throw typeError("reverse() of a \(a.typeName)")
            }
        case "substring", "left", "right":
            if a.isNull { return .null }
            guard case .string(let s) = a else { throw typeError("\(name)() needs a string") }
            let chars = Array(s)
            if name == "left" || name == "right" {
                if arg(1).isNull { throw CypherRuntimeError(.argumentOutOfRange, "\(name)() length is null") }
                let n = try intArg(arg(1), "length")
                guard n >= 0 else { throw CypherRuntimeError(.argumentOutOfRange, "negative length") }
                let k = Int(min(Int64(chars.count), n))
                return .string(String(name == "left" ? chars.prefix(k) : chars.suffix(k)))
            }
            let start = try intArg(arg(1), "start")
            guard start >= 0 else { throw CypherRuntimeError(.argumentOutOfRange, "negative start") }
            let from = Int(min(Int64(chars.count), start))
            var to = chars.count
            if args.count > 2 {
                let len = try intArg(arg(2), "length")
                guard len >= 0 else { throw CypherRuntimeError(.argumentOutOfRange, "negative length") }
                to = len >= Int64(chars.count - from) ? chars.count : from + Int(len)
            }
            return .string(String(chars[from..<to]))
        case "replace":
            guard case .string(let s) = a, case .string(let f) = arg(1), case .string(let t) = arg(2) else {
                if args.contains(where: \.isNull) { return .null }
                throw typeError("replace() needs strings")
            }
            if f.isEmpty { return .string(s) }
            let (n, from, to) = (s.utf8.count, f.utf8.count, t.utf8.count)
            if to > from, n >= from {
                // At most n / from replacements, each growing the text by to - from bytes.
                let (grow, overflow) = (n / from).multipliedReportingOverflow(by: to - from)
                try checkStringSize(overflow ? Int.max - 64 : n + grow)
            } else {
                try checkStringSize(n)
            }
            return .string(s.replacing(f, with: t))
        case "split":
            guard case .string(let s) = a, case .string(let d) = arg(1) else {
                if args.contains(where: \.isNull) { return .null }
                throw typeError("split() needs strings")
            }
            try checkStringSize(s.utf8.count)
            if d.isEmpty {
                try checkListSize(s.utf8.count)
                return .list(s.map { .string(String($0)) })
            }
            return .list(s.split(separator: d, omittingEmptySubsequences: false).map { .string(String($0)) })
        case "date", "localtime", "time", "localdatetime", "datetime", "duration", "date.transaction",
            "date.statement", "date.realtime", "localtime.transaction", "localtime.statement", "localtime.realtime",
            "time.transaction", "time.statement", "time.realtime", "localdatetime.transaction",
            "localdatetime.statement", "localdatetime.realtime", "datetime.transaction", "datetime.statement",
            "datetime.realtime":
            let kinds: [String: Temporal.Kind] = [
                "date": .date, "localtime": .localTime, "time": .time, "localdatetime": .localDateTime,
                "datetime": .dateTime, "duration": .duration,
            ]
            let kind = kinds[String(name.prefix { $0 != "." })]!
            if args.isEmpty {
                guard kind != .duration else { throw typeError("duration() needs an argument") }
                return .temporal(try Temporal.from(map: ["datetime": .temporal(statementTime)], kind: kind))
            }
            switch a {
            case .null: return .null
            case .string(let s): return .temporal(try Temporal.parse(s, kind: kind))
            case .map(let m):
                return .temporal(
                    kind == .duration ? try Temporal.duration(map: m) : try Temporal.from(map: m, kind: kind))
            case .temporal(let t) where kind != .duration:
                return .temporal(try Temporal.from(map: ["date": .temporal(t), "time": .temporal(t)], kind: kind))
            default: throw typeError("\(name)() of a \(a.typeName)")
            }
        case "date.truncate", "localtime.truncate", "time.truncate", "localdatetime.truncate", "datetime.truncate":
            let kinds: [String: Temporal.Kind] = [
                "date": .date, "localtime": .localTime, "time": .time, "localdatetime": .localDateTime,
                "datetime": .dateTime,
            ]
            let kind = kinds[String(name.dropLast(".truncate".count))]!
            guard case .string(let unit) = a, case .temporal(let source) = arg(1) else {
                if args.contains(where: \.isNull) { return .null }
                throw typeError("\(name) needs a unit and a temporal")
            }
            var overrides: [String: Value] = [:]
            if case .map(let m) = arg(2) { overrides = m }
            return .temporal(try Temporal.truncate(unit, source, kind: kind, overrides: overrides))
        case "duration.between", "duration.inmonths", "duration.indays", "duration.inseconds":
            guard case .temporal(let x) = a, case .temporal(let y) = arg(1) else {
                if args.contains(where: \.isNull) { return .null }
                throw typeError("\(name) needs two temporals")
            }
            let unit: String? =
                switch name {
                case "duration.inmonths": "months"
                case "duration.indays": "days"
                case "duration.inseconds": "seconds"
                default: nil
                }
            return .temporal(try Temporal.between(x, y, unit: unit))
        case "datetime.fromepoch", "datetime.fromepochmillis":
            if args.contains(where: \.isNull) { return .null }
            guard case .int(let amount) = a else { throw typeError("\(name) needs an integer") }
            var fields: [String: Value] =
                name == "datetime.fromepoch" ? ["epochSeconds": .int(amount)] : ["epochMillis": .int(amount)]
            if name == "datetime.fromepoch", case .int(let n) = arg(1) { fields["nanosecond"] = .int(n) }
            return .temporal(try Temporal.from(map: fields, kind: .dateTime))
        case "valuetype":
            return .string(a.typeName)
        case "vector.similarity.cosine", "vector.similarity.euclidean":
            return try VectorSimilarity.score(name, a, arg(1))
        default:
            throw CypherRuntimeError(.unsupported, "unknown function \(call.qualifiedName)")
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
