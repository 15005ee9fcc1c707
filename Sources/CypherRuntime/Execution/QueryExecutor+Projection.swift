import CypherSyntax
import GraphStore
import HeapModule

extension QueryExecutor {
    /// WITH / RETURN: projection, aggregation, DISTINCT, WHERE (WITH only), ORDER BY, SKIP and LIMIT.
    func project(_ p: ProjectionClause, _ rows: [Row], scope: [String]) throws -> (columns: [String], rows: [Row]) {
        var items: [(name: String, expression: Expression)] = []
        if p.includesAll {
            let names = scope.filter { !$0.hasPrefix("\u{1}") }.sorted()
            for name in names {
                items.append((name, Expression(.variable(name), span: .none)))
            }
        }
        for item in p.items { items.append((item.name, item.expression)) }

        // Aggregates, each replaced by a synthetic variable.
        var aggregates: [Expression] = []
        func isAggregate(_ e: Expression) -> Bool {
            switch e.kind {
            case .countStar: return true
            case .function(let call): return call.namespace.isEmpty && Self.aggregates.contains(call.name.lowercased())
            default: return false
            }
        }
        func replaceAggregates(_ e: Expression) -> Expression {
            e.rewritten { sub in
                guard isAggregate(sub) else { return nil }
                let index =
                    aggregates.firstIndex(of: sub)
                    ?? {
                        aggregates.append(sub)
                        return aggregates.count - 1
                    }()
                return Expression(.variable("\u{1}agg\(index)"), span: sub.span)
            }
        }
        let rewrittenItems = items.map {
            (name: $0.name, expression: replaceAggregates($0.expression), original: $0.expression)
        }
        let grouping = rewrittenItems.filter { item in
            !item.expression.referencedVariables.contains { $0.hasPrefix("\u{1}agg") }
        }
        let aggregating = !aggregates.isEmpty

        // ORDER BY keys, reading the projected names where the items are repeated.
        let keys = p.orderBy.map { sort in
            sort.expression.rewritten { sub in
                if let item = rewrittenItems.first(where: { $0.original == sub }) {
                    return Expression(.variable(item.name), span: sub.span)
                }
                return nil
            }
        }
        let top = p.orderBy.isEmpty ? nil : try topCount(p)
        if let top, !aggregating, !p.distinct, p.whereClause == nil,
            let inputKeys = Self.keysOnInput(keys, items: rewrittenItems.map { ($0.name, $0.expression) })
        {
            // Top on the input rows; only the rows kept are projected.
            let skip = try p.skip.map { try countArgument($0, "SKIP") } ?? 0
            let positions = try topRowPositions(rows, keys: inputKeys, ascending: p.orderBy.map(\.ascending), k: top)
            var result: [Row] = []
            for i in positions.dropFirst(skip) {
                var out: Row = [:]
                for item in rewrittenItems { out[item.name] = try eval(item.expression, rows[i]) }
                result.append(out)
            }
            return (items.map(\.name), result)
        }

        // (row seen by ORDER BY / WHERE, projected row)
        var projected: [(scope: Row, out: Row)] = []
        if !aggregating {
            for row in rows {
                try spend()
                var out: Row = [:]
                for item in rewrittenItems { out[item.name] = try eval(item.expression, row) }
                projected.append((row.merging(out) { $1 }, out))
            }
        } else {
            var groups: [[Value]: [Row]] = [:]
            var orderOfKeys: [[Value]] = []
            for row in rows {
                try spend()
                let key = try grouping.map { try eval($0.expression, row) }
                if groups[key] == nil { orderOfKeys.append(key) }
                groups[key, default: []].append(row)
            }
            if rows.isEmpty && grouping.isEmpty {
                orderOfKeys.append([])
                groups[[]] = []
            }
            for key in orderOfKeys {
                let members = groups[key]!
                var scope = members.first ?? [:]
                for (i, aggregate) in aggregates.enumerated() {
                    scope["\u{1}agg\(i)"] = try aggregateValue(aggregate, members)
                }
                var out: Row = [:]
                for item in rewrittenItems { out[item.name] = try eval(item.expression, scope) }
                projected.append((scope.merging(out) { $1 }, out))
            }
        }

        if p.distinct {
            var seen = Set<[Value]>()
            projected = projected.filter { pair in seen.insert(items.map { pair.out[$0.name] ?? .null }).inserted }
        }
        if let w = p.whereClause {
            projected = try projected.filter { try eval(w, $0.scope) == .bool(true) }
        }
        if !p.orderBy.isEmpty {
            let ascending = p.orderBy.map(\.ascending)
            var ranked: [RankedRow] = []
            var heap = Heap<RankedRow>()
            for (i, pair) in projected.enumerated() {
                let scope = p.distinct || aggregating ? pair.scope.merging(pair.out) { $1 } : pair.scope
                let row = RankedRow(keys: try keys.map { try eval($0, scope) }, index: i, ascending: ascending)
                // Top keeps SKIP + LIMIT rows in a heap; a plain ORDER BY sorts them all.
                if let top { Self.offer(row, to: &heap, keeping: top) } else { ranked.append(row) }
            }
            ranked = top == nil ? ranked.sorted() : Self.ordered(heap)
            projected = ranked.map { projected[$0.index] }
        }
        var result = projected.map(\.out)
        if let skip = p.skip {
            let n = try countArgument(skip, "SKIP")
            result = Array(result.dropFirst(n))
        }
        if let limit = p.limit {
            let n = try countArgument(limit, "LIMIT")
            result = Array(result.prefix(n))
        }
        return (items.map(\.name), result)
    }

    func countArgument(_ e: Expression, _ clause: String) throws -> Int {
        let v = try eval(e, [:])
        switch v {
        case .int(let i):
            guard i >= 0 else {
                throw CypherRuntimeError(.negativeIntegerArgument, "\(clause) needs a non-negative integer")
            }
            return Int(clamping: i)
        case .float(let d) where d == d.rounded() && d >= 0 && d < 9e18: return Int(d)
        default:
            throw CypherRuntimeError(.nonConstantArgument, "\(clause) needs an integer, not \(v.typeName)")
        }
    }

    /// The value of one aggregate over a group's rows.
    private func aggregateValue(_ e: Expression, _ rows: [Row]) throws -> Value {
        if case .countStar = e.kind {
            // Rows from the fused expand-and-count operator stand for several paths each.
            var n: Int64 = 0
            for row in rows {
                if case .int(let w) = row[ExpandCount.weightColumn] { n += w } else { n += 1 }
            }
            return .int(n)
        }
        guard case .function(let call) = e.kind, let argument = call.arguments.first else { return .null }
        let name = call.name.lowercased()
        var values: [Value] = []
        for row in rows {
            let v = try eval(argument, row)
            if !v.isNull { values.append(v) }
        }
        if call.distinct {
            var seen = Set<Value>()
            values = values.filter { seen.insert($0).inserted }
        }
        switch name {
        case "count": return .int(Int64(values.count))
        case "collect": return .list(values)
        case "min", "max":
            guard var best = values.first else { return .null }
            for v in values.dropFirst() {
                let c = Value.order(v, best)
                if name == "min" ? c < 0 : c > 0 { best = v }
            }
            return best
        case "sum", "avg":
            var intSum: Int64 = 0
            var floatSum = 0.0
            var sawFloat = false
            for v in values {
                switch v {
                case .int(let i):
                    let (s, o) = intSum.addingReportingOverflow(i)
                    if o { throw CypherRuntimeError(.integerOverflow, "integer overflow in \(name)") }
                    intSum = s
                case .float(let d):
                    sawFloat = true
                    floatSum += d
                default: throw typeError("\(name) needs numbers, not \(v.typeName)")
                }
            }
            if name == "sum" { return sawFloat ? .float(floatSum + Double(intSum)) : .int(intSum) }
            guard !values.isEmpty else { return .null }
            return .float((floatSum + Double(intSum)) / Double(values.count))
        case "stdev", "stdevp":
            let xs = values.compactMap(\.doubleValue)
            let n = Double(xs.count)
            guard xs.count > (name == "stdev" ? 1 : 0) else { return .float(0) }
            let mean = xs.reduce(0, +) / n
            let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return .float(mathSqrt(ss / (name == "stdev" ? n - 1 : n)))
        case "percentilecont", "percentiledisc":
            let pv = call.arguments.count > 1 ? try eval(call.arguments[1], rows.first ?? [:]) : .null
            guard let p = pv.doubleValue else { return .null }
            guard p >= 0 && p <= 1 else {
                throw CypherRuntimeError(.numberOutOfRange, "percentile must be between 0 and 1")
            }
            let xs = values.sorted { Value.order($0, $1) < 0 }
            guard !xs.isEmpty else { return .null }
            if name == "percentiledisc" {
                let index = p == 0 ? 0 : Int((p * Double(xs.count)).rounded(.up)) - 1
                return xs[max(0, min(xs.count - 1, index))]
            }
            let position = p * Double(xs.count - 1)
            let lo = Int(position.rounded(.down))
            let hi = Int(position.rounded(.up))
            let a = xs[lo].doubleValue ?? 0
            let b = xs[hi].doubleValue ?? 0
            return .float(a + (b - a) * (position - Double(lo)))
        default:
            return .null
        }
    }
}
