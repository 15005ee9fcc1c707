import CypherSyntax
import GraphStore

extension QueryExecutor {
    /// `CALL { … }`: runs the subquery once per row, starting from the row's imported variables. A subquery with
    /// RETURN yields each input row extended with each of its rows (none: the row is dropped); a unit subquery
    /// (no RETURN) keeps every input row as it is. Writes of earlier rows are visible to later ones.
    func callSubquery(_ s: SubqueryClause, _ rows: [Row]) throws -> [Row] {
        let imports = s.imports
        var out: [Row] = []
        for row in rows {
            let start = imports.map { names in row.filter { names.contains($0.key) } } ?? row
            let (columns, inner) = try run(s.query, from: start)
            if columns.isEmpty {
                out.append(row)
                continue
            }
            for values in inner {
                try spend()
                var r = row
                for (name, value) in zip(columns, values) { r[name] = value }
                out.append(r)
            }
        }
        return out
    }

    /// `CALL { … } IN TRANSACTIONS [OF n ROWS]`: the input rows in batches of n (default 1,000), each batch's
    /// writes committed on their own before the next batch runs. A failing batch fails the query; batches
    /// committed before it stay (Neo4j's default `ON ERROR FAIL`). Only in an auto-commit query.
    func callSubqueryInTransactions(
        _ s: SubqueryClause, _ batching: SubqueryClause.InTransactions, _ rows: [Row]
    ) throws -> [Row] {
        var size = 1000
        if let e = batching.batchSize {
            guard e.isConstant, case .int(let n) = try eval(e, [:]), n > 0 else {
                throw CypherRuntimeError(
                    .invalidArgumentValue, "the batch size of IN TRANSACTIONS must be a positive integer")
            }
            size = Int(clamping: n)
        }
        if transaction != nil && commitBatch == nil {
            throw CypherRuntimeError(
                .unsupported,
                "CALL { ... } IN TRANSACTIONS can only run in an implicit (auto-commit) transaction, not an explicit one")
        }
        var out: [Row] = []
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + size)
            out += try callSubquery(s, Array(rows[start..<end]))
            if let commitBatch, var txn = transaction {
                let statistics = txn.statistics
                try commitBatch(&txn)
                checkpointedStatistics = checkpointedStatistics.adding(statistics)
                transaction = txn
            }
            start = end
        }
        return out
    }
}
