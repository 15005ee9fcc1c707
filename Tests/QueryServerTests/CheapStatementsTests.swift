import Engine
import Testing

@testable import QueryServer

/// Which statements may run on the request's own thread: only reads, only after cheap runs in a row, and never
/// again after one inline run overran.
@Suite struct CheapStatementsTests {
    let database = Database()
    let cheap = CheapStatements.cheap
    let slow = CheapStatements.cheap * 2
    let overrun = CheapStatements.overrun * 2

    @Test func aReadQualifiesAfterItsCheapRunsInARow() {
        let table = CheapStatements()
        let text = "MATCH (n:Item {id: $id}) RETURN n.name"
        for _ in 0..<CheapStatements.qualifyingRuns {
            #expect(!table.mayInline(text, parameters: ["id"], database: database))
            table.record(text, elapsed: cheap, inline: false)
        }
        #expect(table.mayInline(text, parameters: ["id"], database: database))
        #expect(!table.mayInline("RETURN 2", parameters: [], database: database), "another text has no runs yet")
    }

    @Test func aSlowRunStartsTheCountAgain() {
        let table = CheapStatements()
        for _ in 0..<CheapStatements.qualifyingRuns - 1 { table.record("RETURN 1", elapsed: cheap, inline: false) }
        table.record("RETURN 1", elapsed: slow, inline: false)
        table.record("RETURN 1", elapsed: cheap, inline: false)
        #expect(!table.mayInline("RETURN 1", parameters: [], database: database))
        for _ in 0..<CheapStatements.qualifyingRuns { table.record("RETURN 1", elapsed: cheap, inline: false) }
        #expect(table.mayInline("RETURN 1", parameters: [], database: database))
    }

    @Test func anInlineOverrunDisqualifiesForGood() {
        let table = CheapStatements()
        for _ in 0..<CheapStatements.qualifyingRuns { table.record("RETURN 1", elapsed: cheap, inline: false) }
        #expect(table.mayInline("RETURN 1", parameters: [], database: database))
        table.record("RETURN 1", elapsed: overrun, inline: true)
        for _ in 0..<10 { table.record("RETURN 1", elapsed: cheap, inline: false) }
        #expect(!table.mayInline("RETURN 1", parameters: [], database: database))
    }

    @Test(arguments: [
        "CREATE (:Item {id: 1})", "MATCH (n) SET n.seen = true", "CREATE INDEX i FOR (n:Item) ON (n.id)",
        "MATCH (n) DETACH DELETE n",
    ])
    func writesAndSchemaCommandsNeverRunInline(_ text: String) {
        let table = CheapStatements()
        for _ in 0..<CheapStatements.qualifyingRuns * 2 { table.record(text, elapsed: cheap, inline: false) }
        #expect(!table.mayInline(text, parameters: [], database: database))
    }

    @Test func aFullTableStartsAfresh() {
        let table = CheapStatements()
        for _ in 0..<CheapStatements.qualifyingRuns { table.record("RETURN 1", elapsed: cheap, inline: false) }
        for i in 0..<CheapStatements.capacity { table.record("RETURN \(i + 10)", elapsed: cheap, inline: false) }
        #expect(!table.mayInline("RETURN 1", parameters: [], database: database))
    }
}
