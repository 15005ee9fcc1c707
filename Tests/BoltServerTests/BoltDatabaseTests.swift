import CypherRuntime
import Engine
import GraphStore
import Testing

@testable import BoltServer

/// BEGIN's, RUN's and ROUTE's `db` choose the database; `system` runs its commands through the server's runner.
@Suite("Bolt databases")
struct BoltDatabaseTests {
    /// A registry with `shop` beside `neo4j`, and a session over it whose `system` creates and lists databases.
    static func session() throws -> (Conversation, Databases) {
        let databases = Databases(default: Database())
        try databases.create("shop")
        let system: BoltSystemDatabase.Run = { query, _ throws(BoltError) in
            let words = query.split(separator: " ").map(String.init)
            if words.first == "CREATE", words.count == 3 {
                do { try databases.create(words[2]) } catch { throw BoltError("Neo.ClientError.Database.ExistingDatabaseFound", "\(error)") }
                return ([], [])
            }
            return (["name"], databases.names.map { [.string($0)] })
        }
        let session = BoltSession(
            databases: databases, version: BoltVersion(5, 6), connectionID: "bolt-db", advertisedAddress: "127.0.0.1:7687",
            system: system)
        return (Conversation(session: session), databases)
    }

    @Test("RUN and BEGIN use the database named in db; the summary names it; unknown ones are DatabaseNotFound")
    func runAndBeginChooseTheDatabase() throws {
        let (c, databases) = try Self.session()
        c.open()
        #expect(tag(c.send(BoltMessage.run, "CREATE (:Customer {id: 'in-shop'})", [:], ["db": "shop"]).last) == BoltMessage.success)
        let pulled = c.send(BoltMessage.pull, ["n": -1])
        #expect(metadata(pulled.last)?["db"] == "shop")
        #expect(databases.database(named: "shop")?.graph.snapshot.nodeCount == 1)
        #expect(databases.defaultDatabase.graph.snapshot.nodeCount == 0)
        // No db: the default database.
        #expect(c.query("MATCH (n) RETURN count(n)").records == [[0]])
        // A transaction in shop: its RUNs see shop's graph, the commit lands there.
        #expect(tag(c.send(BoltMessage.begin, ["db": "SHOP"]).last) == BoltMessage.success)
        #expect(tag(c.send(BoltMessage.run, "MATCH (n) SET n.seen = true RETURN count(n)", [:], [:]).last) == BoltMessage.success)
        let inTx = c.send(BoltMessage.pull, ["n": -1])
        #expect(inTx.first.flatMap(metadataFields) == [1])
        #expect(tag(c.send(BoltMessage.commit).last) == BoltMessage.success)
        #expect(databases.database(named: "shop")?.graph.snapshot.nodeCount == 1)
        for name in ["nope", "../x", "a/b"] {
            let run = c.send(BoltMessage.run, "RETURN 1", [:], ["db": .string(name)])
            #expect(metadata(run.last)?["code"] == "Neo.ClientError.Database.DatabaseNotFound", "\(name)")
            c.send(BoltMessage.reset)
            let begin = c.send(BoltMessage.begin, ["db": .string(name)])
            #expect(metadata(begin.last)?["code"] == "Neo.ClientError.Database.DatabaseNotFound", "\(name)")
            c.send(BoltMessage.reset)
        }
        let route = c.send(BoltMessage.route, [:], [], ["db": "shop"])
        #expect(metadata(route.last)?["rt"]?["db"] == "shop")
    }

    @Test("db: system runs the server's system commands, in auto-commit and in a transaction")
    func systemCommands() throws {
        let (c, databases) = try Self.session()
        c.open()
        let created = c.send(BoltMessage.run, "CREATE DATABASE archive", [:], ["db": "system"])
        #expect(tag(created.last) == BoltMessage.success)
        c.send(BoltMessage.pull, ["n": -1])
        #expect(databases.names == ["neo4j", "archive", "shop"])
        #expect(tag(c.send(BoltMessage.begin, ["db": "system"]).last) == BoltMessage.success)
        #expect(tag(c.send(BoltMessage.run, "SHOW DATABASES", [:], [:]).last) == BoltMessage.success)
        let rows = c.send(BoltMessage.pull, ["n": -1])
        #expect(rows.dropLast().compactMap(metadataFields) == [["neo4j"], ["archive"], ["shop"]])
        #expect(metadata(rows.last)?["db"] == "system")
        #expect(tag(c.send(BoltMessage.commit).last) == BoltMessage.success)
        // Without a system runner, system does not exist.
        let plain = Conversation(Database())
        plain.open()
        let none = plain.send(BoltMessage.run, "SHOW DATABASES", [:], ["db": "system"])
        #expect(metadata(none.last)?["code"] == "Neo.ClientError.Database.DatabaseNotFound")
    }
}

/// A RECORD's fields.
private func metadataFields(_ v: PackValue) -> [PackValue]? {
    if case .structure(BoltMessage.record, let f) = v { return f.first?.listValue }
    return nil
}
