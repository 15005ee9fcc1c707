import CypherSyntax
import GraphStore

/// Streaming: a read whose clauses map rows one at a time runs its first clause as a source of rows and the
/// rest over small batches of them, so the result never exists whole (see `QueryCursor`).
extension QueryExecutor {
    /// Whether `query` can stream: one part, no updates, a first clause that is a MATCH (without SEARCH) or an
    /// UNWIND, then only MATCH, UNWIND and row-by-row WITH, ending in a row-by-row RETURN.
    static func streams(_ query: Query) -> Bool {
        guard query.parts.count == 1, let clauses = query.parts.first?.clauses, let first = clauses.first,
            case .return(let last) = clauses.last?.kind, rowByRow(last)
        else { return false }
        switch first.kind {
        case .match(let m) where m.search == nil: break
        case .unwind: break
        default: return false
        }
        for clause in clauses.dropFirst().dropLast() {
            switch clause.kind {
            case .match(let m) where m.search == nil: continue
            case .unwind: continue
            case .with(let p) where rowByRow(p): continue
            default: return false
            }
        }
        return true
    }

    /// A projection whose output row depends on its input row alone: no aggregate, DISTINCT, ORDER BY, SKIP or LIMIT.
    static func rowByRow(_ p: ProjectionClause) -> Bool {
        !p.distinct && p.orderBy.isEmpty && p.skip == nil && p.limit == nil
            && !p.items.contains { containsAggregate($0.expression) }
    }

    /// Runs a query for which `streams` is true, handing its output rows to `sink` in batches of at most
    /// `batchRows` as they are produced. Time spent in `sink` (a consumer that has not asked for more yet) does
    /// not count against the time limit. The columns are known before the first batch (`columns(of:)`).
    func stream(_ query: SingleQuery, batchRows: Int, sink: ([[Value]]) throws -> Void) throws {
        let source = query.clauses[0]
        let tail = query.clauses.dropFirst()
        let scope = Self.sourceVariables(source)
        var batch: [Row] = []
        batch.reserveCapacity(batchRows)
        var held = 0
        func flush() throws {
            let before = memory.held
            defer {
                memory.release(memory.held - before + held)
                held = 0
            }
            let out: [[Value]]
            do {
                out = try runTail(tail, batch, scope: scope).rows
            } catch {
                // The rows before the failing one are still handed over, then the error.
                for row in batch { try send(try runTail(tail, [row], scope: scope).rows) }
                throw error
            }
            batch.removeAll(keepingCapacity: true)
            try send(out)
        }
        func send(_ out: [[Value]]) throws {
            if out.isEmpty { return }
            let waitStarted = ContinuousClock.now
            try sink(out)
            if let deadline { self.deadline = deadline + (ContinuousClock.now - waitStarted) }
        }
        try forEachSourceRow(source) { row in
            let bytes = Self.rowBytes(row)
            try memory.charge(bytes)
            held += bytes
            batch.append(row)
            if batch.count >= batchRows { try flush() }
        }
        if !batch.isEmpty { try flush() }
    }

    /// The columns a streaming query returns, found by running its clauses after the first over no rows.
    func columns(of query: SingleQuery) throws -> [String] {
        try runTail(query.clauses.dropFirst(), [], scope: Self.sourceVariables(query.clauses[0])).columns
    }

    private static func sourceVariables(_ clause: Clause) -> [String] {
        switch clause.kind {
        case .match(let m): patternVariables(m.pattern.parts)
        case .unwind(let u): [u.variable]
        default: []
        }
    }

    /// The clauses after the source over one batch of rows: the output rows, in column order.
    private func runTail(
        _ clauses: ArraySlice<Clause>, _ input: [Row], scope start: [String]
    ) throws -> (columns: [String], rows: [[Value]]) {
        var rows = input
        var scope = start
        var columns: [String] = []
        func declare(_ names: [String]) { for n in names where !scope.contains(n) { scope.append(n) } }
        for clause in clauses {
            switch clause.kind {
            case .match(let m):
                rows = try match(m, rows)
                declare(Self.patternVariables(m.pattern.parts))
            case .unwind(let u):
                var out: [Row] = []
                for row in rows {
                    try forEachItem(of: u, row) { item in
                        var r = row
                        r[u.variable] = item
                        try memory.charge(Self.rowBytes(r))
                        out.append(r)
                    }
                }
                rows = out
                declare([u.variable])
            case .with(let p):
                (scope, rows) = try project(p, rows, scope: scope)
            case .return(let p):
                (columns, rows) = try project(p, rows, scope: scope)
            default:
                throw CypherRuntimeError(.unsupported, "\(clause.keyword) in a streamed query")
            }
        }
        return (columns, rows.map { row in columns.map { row[$0] ?? .null } })
    }

    /// The rows of the first clause from no bindings, one at a time: MATCH's matches as the matcher finds
    /// them, UNWIND's items (a `range()` is counted through, not built).
    private func forEachSourceRow(_ clause: Clause, _ emit: (Row) throws -> Void) throws {
        switch clause.kind {
        case .match(let m):
            var found = false
            try forEachMatch(m) { row in
                found = true
                try spend()
                try emit(row)
            }
            if !found && m.optional {
                var r: Row = [:]
                for name in Self.patternVariables(m.pattern.parts) { r[name] = .null }
                try emit(r)
            }
        case .unwind(let u):
            try forEachItem(of: u, [:]) { try emit([u.variable: $0]) }
        default:
            throw CypherRuntimeError(.unsupported, "\(clause.keyword) cannot start a streamed query")
        }
    }

    /// Every match of `m`'s pattern and WHERE from no bindings, handed over as found (MATCH without a cap).
    private func forEachMatch(_ m: MatchClause, _ emit: (Row) throws -> Void) throws {
        let parts = m.pattern.parts
        let filters = m.whereClause.map { FilterPushdown.nodeFilters($0, pattern: parts) } ?? [:]
        let seeks = IdSeek.seeks(m.whereClause, pattern: parts)
        let propertySeeks = PropertySeek.seeks(m.whereClause, pattern: parts)
        let saved = usedRelationships
        usedRelationships = []
        defer { usedRelationships = saved }
        func next(_ i: Int, _ r: Row) throws {
            guard i < parts.count else {
                if let predicate = m.whereClause, try eval(predicate, r) != .bool(true) { return }
                return try emit(r)
            }
            try matchElement(parts[i], r, filters, seeks, propertySeeks) { try next(i + 1, $0) }
        }
        try next(0, [:])
    }

    /// UNWIND's items for one row, each spent as a row; `range(a, b[, step])` over integers is counted through.
    private func forEachItem(of u: UnwindClause, _ row: Row, _ body: (Value) throws -> Void) throws {
        if let (start, end, step) = try integerRange(u.expression, row) {
            var i = start
            while step > 0 ? i <= end : i >= end {
                try spend(2)  // as range() and UNWIND each spend one a row
                try body(.int(i))
                let (next, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = next
            }
            return
        }
        let items: [Value]
        switch try eval(u.expression, row) {
        case .null: items = []
        case .list(let l): items = l
        case let v: items = [v]
        }
        for item in items {
            try spend()
            try body(item)
        }
    }

    /// The bounds of `range(start, end[, step])` when all are integers and the step is not zero; nil otherwise
    /// (the call is then evaluated as usual, with its errors).
    private func integerRange(_ e: Expression, _ row: Row) throws -> (Int64, Int64, Int64)? {
        guard case .function(let call) = e.kind, call.namespace.isEmpty, !call.distinct,
            call.name.lowercased() == "range", (2...3).contains(call.arguments.count)
        else { return nil }
        var bounds: [Int64] = []
        for argument in call.arguments {
            guard case .int(let v) = try eval(argument, row) else { return nil }
            bounds.append(v)
        }
        let step = bounds.count == 3 ? bounds[2] : 1
        return step == 0 ? nil : (bounds[0], bounds[1], step)
    }
}
