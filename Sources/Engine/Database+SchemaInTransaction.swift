import CypherRuntime
import GraphStore

extension Database {
    /// Runs `run` in `txn`; when it is a schema command and `txn` has written nothing, runs `alone` instead.
    ///
    /// Neo4j lets an explicit transaction that has written no data run a schema command, and clients rely on it:
    /// py2neo's `schema.create_index` and `create_uniqueness_constraint` send BEGIN, the command, COMMIT. Here the
    /// command runs on its own (durable when it returns, so a rollback does not undo it) and `txn` starts again
    /// on the store's new version, so its later statements see the new schema. A transaction that has written
    /// data keeps Neo4j's `ForbiddenDueToTransactionType` and is left as it was.
    func allowingSchemaCommand<R>(
        in txn: inout GraphTransaction, _ run: (inout GraphTransaction) throws -> R, alone: () throws -> R
    ) throws -> R {
        do {
            return try run(&txn)
        } catch let e as CypherRuntimeError where e.code == .schemaInWriteTransaction && txn.mutations.isEmpty {
            let result = try alone()
            txn = beginTransaction()
            return result
        }
    }
}
