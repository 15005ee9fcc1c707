import CypherSyntax
import GraphStore

/// One row of variable bindings.
typealias Row = [String: Value]

/// Runs one parsed query over a snapshot (reads) or inside a transaction (writes).
///
/// Clauses are executed one after the other over batches of rows: each clause maps the whole input batch to an
/// output batch. A work budget bounds runaway queries.
final class QueryExecutor {
    var transaction: GraphTransaction?
    /// Whether the query runs in a transaction (set once: `transaction` is never set to nil or from nil later).
    /// Tested instead of `transaction != nil`, which copies the whole transaction out of the class to compare it.
    let writes: Bool
    let readSnapshot: GraphSnapshot
    let parameters: [String: Value]
    let procedures: [String: Procedure]
    /// The database's vector indexes, for procedures that list them.
    var vectorIndexes: (any VectorIndexCatalog)?
    /// Publishes the transaction's work so far and starts a fresh one (auto-commit writes only), for
    /// `CALL { … } IN TRANSACTIONS`; and what the published batches changed.
    var commitBatch: ((inout GraphTransaction) throws -> Void)?
    var checkpointedStatistics = WriteStatistics()
    /// Work units left (rows produced, relationships expanded); a ResourceLimit error when it runs out.
    var budget: Int
    var propertiesRemoved = 0
    /// The statement clock: every `date()`, `datetime()`, ... of one query sees the same instant (UTC).
    lazy var statementTime: Temporal = Temporal.now()
    /// Relationships bound by the pattern being matched (relationship uniqueness).
    var usedRelationships = Set<RelationshipID>()
    /// Entities deleted by this query, to report access to them.
    var deletedNodes = Set<NodeID>()
    var deletedRelationships = Set<RelationshipID>()

    init(
        snapshot: GraphSnapshot, transaction: GraphTransaction?, parameters: [String: Value],
        procedures: [String: Procedure] = [:], budget: Int
    ) {
        self.procedures = procedures
        self.readSnapshot = snapshot
        self.transaction = transaction
        self.writes = transaction != nil
        self.parameters = parameters
        self.budget = budget
        self.initialBudget = budget
        self.memory = QueryMemory(limit: QueryLimits.defaultMemoryBytes, pool: nil)
    }

    /// An executor under `limits` (budget, time, memory, cancellation, slow-query hook), its clock
    /// starting now.
    convenience init(
        snapshot: GraphSnapshot, transaction: GraphTransaction?, parameters: [String: Value],
        procedures: [String: Procedure] = [:], limits: QueryLimits
    ) {
        self.init(
            snapshot: snapshot, transaction: transaction, parameters: parameters, procedures: procedures,
            budget: limits.budget)
        let now = ContinuousClock.now
        deadline = limits.timeLimit.map { now + $0 }
        memory = QueryMemory(limit: limits.memoryBytes, pool: limits.memoryPool)
        budgetSetting = limits.budgetSetting
        cancellation = limits.cancellation
        if let onSlow = limits.onSlow {
            self.onSlow = onSlow
            slowAt = now + limits.slowAfter
        }
    }

    /// The current graph: the transaction's working copy when writing. A copy: it retains every table of the
    /// snapshot, so code that runs per row or per candidate reads through `withGraph` (or takes the copy its
    /// caller holds) instead.
    var graph: GraphSnapshot { writes ? transaction!.snapshot : readSnapshot }

    /// Runs `body` on the current graph in place, without copying the snapshot.
    @inline(__always)
    func withGraph<R>(_ body: (borrowing GraphSnapshot) throws -> R) rethrows -> R {
        writes ? try body(transaction!.snapshot) : try body(readSnapshot)
    }

    /// When set, the query fails with ResourceLimit once the clock passes it (checked every 4,096 work units).
    var deadline: ContinuousClock.Instant?
    /// Set from another thread to stop the query (checked with the deadline).
    var cancellation: QueryCancellation?
    /// The memory the query holds (rows, large values), against its limit and the shared pool.
    var memory: QueryMemory
    /// Called once when the clock passes `slowAt` (admission control moves the query to a heavy lane).
    var onSlow: (@Sendable () -> Void)?
    var slowAt: ContinuousClock.Instant?
    private var sinceClockCheck = 0
    /// The budget the query started with, and what raises it, named in its error.
    let initialBudget: Int
    var budgetSetting: String?

    /// The error for a query that used up its work budget: how large it was and how to raise it.
    func budgetExceeded() -> CypherRuntimeError {
        var digits = Array(String(initialBudget))
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: i)
            i -= 3
        }
        return CypherRuntimeError(
            .resourceLimit,
            "the query exceeded its work budget of \(String(digits)) units (rows produced and relationships expanded)"
                + (budgetSetting.map { "; raise it with \($0)" } ?? ""))
    }
    /// Regular expressions compiled by this query.
    var regexCache: [String: CypherRegex] = [:]

    func spend(_ units: Int = 1) throws(CypherRuntimeError) {
        budget -= units
        if budget < 0 { throw budgetExceeded() }
        sinceClockCheck += units
        if sinceClockCheck >= 4096 {
            sinceClockCheck = 0
            try checkpoint()
        }
    }

    /// Checks cancellation, the time limit and the slow-query hook; long-running functions call it from
    /// inside their loops (regular expressions every few hundred characters).
    func checkpoint() throws(CypherRuntimeError) {
        if let cancellation, cancellation.isCancelled {
            throw CypherRuntimeError(.cancelled, "the query was cancelled")
        }
        guard deadline != nil || slowAt != nil else { return }
        let now = ContinuousClock.now
        if let deadline, now > deadline {
            throw CypherRuntimeError(.resourceLimit, "the query exceeded its time limit")
        }
        if let slowAt, now > slowAt, let onSlow {
            self.slowAt = nil
            onSlow()
            if let cancellation, cancellation.isCancelled {
                throw CypherRuntimeError(.cancelled, "the query was cancelled")
            }
            if let deadline, ContinuousClock.now > deadline {
                throw CypherRuntimeError(.resourceLimit, "the query exceeded its time limit")
            }
        }
    }

    /// Runs a query (with UNION parts) and returns its columns and rows.
    func run(_ query: Query, from start: Row = [:]) throws -> (columns: [String], rows: [[Value]]) {
        var columns: [String] = []
        var rows: [[Value]] = []
        for (i, part) in query.parts.enumerated() {
            let (c, r, _) = try runSingle(part, from: start)
            if i == 0 {
                columns = c
                rows = r
            } else {
                rows += r
                if !query.unionAll[i - 1] { rows = Self.distinctRows(rows) }
            }
        }
        if query.parts.count > 1, query.unionAll.contains(false) {
            // UNION removes duplicates over the whole result, including those within the first part.
            rows = Self.distinctRows(rows)
        }
        return (columns, rows)
    }

    static func distinctRows(_ rows: [[Value]]) -> [[Value]] {
        var seen = Set<[Value]>()
        return rows.filter { seen.insert($0).inserted }
    }

    func runSingle(_ query: SingleQuery) throws -> (columns: [String], rows: [[Value]]) {
        let result = try runSingle(query, from: [:])
        return (result.columns, result.rows)
    }

    /// Runs a single query starting from one row of outer bindings (a subquery's imports). `bindings` is the
    /// number of rows after the last clause, which tells whether a subquery without RETURN produced anything.
    func runSingle(_ query: SingleQuery, from start: Row) throws -> (columns: [String], rows: [[Value]], bindings: Int)
    {
        var rows: [Row] = [start]
        var columns: [String] = []
        var output: [[Value]] = []
        var scope: [String] = Array(start.keys)
        func declare(_ names: [String]) { for n in names where !scope.contains(n) { scope.append(n) } }
        // The batch of rows between clauses is held in the query's memory; so are rows a clause builds.
        var batchBytes = 0
        defer { memory.release(batchBytes) }
        // A clause already answered with the one before it (a count from the statistics).
        var answered: Int?
        for (index, clause) in query.clauses.enumerated() where index != answered {
            let heldBefore = memory.held
            switch clause.kind {
            case .match(let m):
                if rows.count == 1, let plan = storedCount(m, after: index, in: query, scope: scope) {
                    // The MATCH and its count projection, from the graph's statistics.
                    let values = try plan.rows(count: plan.count(in: graph)) { try eval($0, [:]) }
                    rows = values.map { Dictionary(zip(plan.columns, $0), uniquingKeysWith: { $1 }) }
                    if case .return = query.clauses[index + 1].kind {
                        columns = plan.columns
                        output = values
                    } else {
                        scope = plan.columns
                    }
                    answered = index + 1
                } else if let search = m.search {
                    rows = try searchMatch(m, search, rows, cap: try rowCap(after: index, in: query))
                    declare(search.scoreVariable.map { [$0] } ?? [])
                } else if let plan = fusedCount(m, after: index, in: query, scope: scope) {
                    rows = try expandCount(plan, rows)
                } else if let top = topPrefilter(m, after: index, in: query.clauses, scope: scope) {
                    rows = try match(m, rows, top: top)
                } else {
                    rows = try match(m, rows, cap: try rowCap(after: index, in: query))
                }
                declare(Self.patternVariables(m.pattern.parts))
            case .unwind(let u):
                var out: [Row] = []
                let cap = try rowCap(after: index, in: query) ?? Int.max
                unwinding: for row in rows {
                    let v = try eval(u.expression, row)
                    let items: [Value]
                    switch v {
                    case .null: items = []
                    case .list(let l): items = l
                    default: items = [v]
                    }
                    for item in items {
                        if out.count >= cap { break unwinding }
                        try spend()
                        var r = row
                        r[u.variable] = item
                        try memory.charge(Self.rowBytes(r))
                        out.append(r)
                    }
                }
                rows = out
                declare([u.variable])
            case .with(let p):
                let result = try project(p, rows, scope: scope)
                rows = result.rows
                scope = result.columns
            case .return(let p):
                let result = try project(p, rows, scope: scope)
                columns = result.columns
                output = result.rows.map { row in columns.map { row[$0] ?? .null } }
                rows = result.rows
            case .create(let pattern):
                for i in rows.indices { try create(pattern, &rows[i]) }
                declare(Self.patternVariables(pattern.parts))
            case .merge(let m):
                rows = try merge(m, rows)
                declare(Self.patternVariables([m.pattern]))
            case .set(let items):
                for row in rows { for item in items { try set(item, row) } }
            case .remove(let items):
                for row in rows { for item in items { try remove(item, row) } }
            case .delete(let d):
                try delete(d, rows)
            case .foreach(let f):
                try runForeach(f, rows, span: query.span)
            case .call(let c):
                rows = try call(c, rows)
                declare(try callColumns(c))
                if query.clauses.count == 1 {
                    columns = try callColumns(c)
                    output = columns.isEmpty ? [] : rows.map { row in columns.map { row[$0] ?? .null } }
                }
            case .subquery(let s):
                if let batching = s.inTransactions {
                    rows = try callSubqueryInTransactions(s, batching, rows)
                } else {
                    rows = try callSubquery(s, rows)
                }
                declare(Self.returnedNames(s.query))
            }
            // The clause's working rows are dropped and its output batch replaces the previous one.
            memory.release(memory.held - heldBefore + batchBytes)
            batchBytes = 0
            let bytes = Self.batchBytes(rows)
            try memory.charge(bytes)
            batchBytes = bytes
        }
        return (columns, output, rows.count)
    }

    /// The column names a (sub)query's RETURN gives, when they are known without running it.
    static func returnedNames(_ query: Query) -> [String] {
        guard case .return(let p) = query.parts.first?.clauses.last?.kind else { return [] }
        return p.items.map(\.name)
    }

    /// The fused expand-and-count plan when the MATCH at `index` is followed by a count(*) aggregation it can feed.
    private func fusedCount(_ m: MatchClause, after index: Int, in query: SingleQuery, scope: [String]) -> ExpandCount? {
        guard index + 1 < query.clauses.count else { return nil }
        switch query.clauses[index + 1].kind {
        case .with(let p), .return(let p): return ExpandCount.plan(m, then: p, bound: Set(scope))
        default: return nil
        }
    }

    /// The Top-before-the-row plan when the MATCH at `index` is followed by an ORDER BY … LIMIT projection.
    func topPrefilter(_ m: MatchClause, after index: Int, in clauses: [Clause], scope: [String]) -> TopPrefilter? {
        guard index + 1 < clauses.count else { return nil }
        switch clauses[index + 1].kind {
        case .with(let p), .return(let p):
            guard let k = (try? topCount(p)) ?? nil else { return nil }
            return TopPrefilter.plan(m, then: p, bound: Set(scope), k: k)
        default: return nil
        }
    }

    /// The count-from-statistics plan when the MATCH at `index` and the projection after it ask only for a count.
    private func storedCount(_ m: MatchClause, after index: Int, in query: SingleQuery, scope: [String]) -> StoredCount? {
        guard index + 1 < query.clauses.count else { return nil }
        switch query.clauses[index + 1].kind {
        case .with(let p), .return(let p): return StoredCount.plan(m, then: p, bound: Set(scope))
        default: return nil
        }
    }

    /// How many rows the clause at `index` needs to produce at most: when the next clause is a plain projection
    /// (no aggregate, DISTINCT, WHERE or ORDER BY) with a constant LIMIT, only its first SKIP + LIMIT rows matter.
    private func rowCap(after index: Int, in query: SingleQuery) throws -> Int? {
        guard index + 1 < query.clauses.count else { return nil }
        let p: ProjectionClause
        switch query.clauses[index + 1].kind {
        case .with(let q), .return(let q): p = q
        default: return nil
        }
        guard let limit = p.limit, p.orderBy.isEmpty, !p.distinct, p.whereClause == nil,
            !p.items.contains(where: { Self.containsAggregate($0.expression) })
        else { return nil }
        return try rowsToKeep(skip: p.skip, limit: limit)
    }

    /// SKIP + LIMIT as a row count when both are constant non-negative integers (SKIP may be absent); else nil.
    func rowsToKeep(skip: Expression?, limit: Expression) throws -> Int? {
        guard limit.isConstant, skip?.isConstant ?? true, case .int(let l) = try eval(limit, [:]), l >= 0 else {
            return nil
        }
        var k: Int64 = 0
        if let skip {
            guard case .int(let s) = try eval(skip, [:]), s >= 0 else { return nil }
            k = s
        }
        let (sum, overflow) = l.addingReportingOverflow(k)
        return overflow ? nil : Int(clamping: sum)
    }

    /// Whether `e` contains an aggregate function or count(*).
    static func containsAggregate(_ e: Expression) -> Bool {
        var found = false
        e.visit { sub in
            if case .countStar = sub.kind { found = true }
            if case .function(let call) = sub.kind, call.namespace.isEmpty, aggregates.contains(call.name.lowercased()) {
                found = true
            }
        }
        return found
    }

    /// Runs updating clauses starting from `start` (FOREACH bodies).
    private func runUpdates(_ query: SingleQuery, start: [Row]) throws -> [Row] {
        var rows = start
        for clause in query.clauses {
            switch clause.kind {
            case .create(let pattern): for i in rows.indices { try create(pattern, &rows[i]) }
            case .merge(let m): rows = try merge(m, rows)
            case .set(let items): for row in rows { for item in items { try set(item, row) } }
            case .remove(let items): for row in rows { for item in items { try remove(item, row) } }
            case .delete(let d): try delete(d, rows)
            case .foreach(let f): try runForeach(f, rows, span: query.span)
            default: throw CypherRuntimeError(.unsupported, "\(clause.keyword) inside FOREACH")
            }
        }
        return rows
    }

    func runForeach(_ f: ForeachClause, _ rows: [Row], span: SourceSpan) throws {
        for row in rows {
            let v = try eval(f.list, row)
            guard case .list(let items) = v else {
                if v.isNull { continue }
                throw CypherRuntimeError(.invalidArgumentType, "FOREACH needs a list")
            }
            for item in items {
                var r = row
                r[f.variable] = item
                _ = try runUpdates(SingleQuery(clauses: f.clauses, span: span), start: [r])
            }
        }
    }
}
