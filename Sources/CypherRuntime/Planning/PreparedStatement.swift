import CypherSyntax

/// A statement parsed, checked against the procedures' signatures and the parameters' names, and analysed for
/// the executor, shared by every run of the same text (see `PlanCache`).
final class PreparedStatement: Sendable {
    let statement: Statement

    init(_ statement: Statement) {
        self.statement = statement
    }
}
