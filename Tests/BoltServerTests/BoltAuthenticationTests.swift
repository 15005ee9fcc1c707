import CypherRuntime
import Engine
import GraphStore
import Testing

@testable import BoltServer

/// HELLO / LOGON through a `BoltAuthentication` and RUN through its statement check. The check here
/// refuses statements that create (the real one, wired by `serve`, classifies with the engine; see
/// QueryServerTests' AccessRoutesTests).
@Suite("Bolt authentication")
struct BoltAuthenticationTests {
    static let authentication = BoltAuthentication { scheme, principal, credentials, source throws(BoltError) in
        guard scheme == "basic", principal == "reader", credentials == "reader-password", source == "10.1.1.1" else {
            throw BoltError("Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure.")
        }
        return BoltAuthentication.Login { _, query, _ throws(BoltError) in
            if query.uppercased().contains("CREATE") { throw BoltError("Neo.ClientError.Security.Forbidden", "Writing is not allowed.") }
        }
    }

    static func session(_ db: Database, _ version: BoltVersion) -> Conversation {
        Conversation(
            session: BoltSession(
                database: db, version: version, connectionID: "bolt-auth", advertisedAddress: "127.0.0.1:7687",
                authentication: authentication, source: "10.1.1.1"))
    }

    @Test("wrong or missing credentials fail HELLO (4.4, 5.0) or LOGON (5.1+) and close the connection", arguments: [
        BoltVersion(4, 4), BoltVersion(5, 0), BoltVersion(5, 6),
    ])
    func wrongCredentials(version: BoltVersion) {
        for auth: PackValue in [
            ["scheme": "basic", "principal": "reader", "credentials": "wrong"], ["scheme": "none"],
            ["scheme": "basic", "principal": "admin", "credentials": "reader-password"],
        ] {
            let c = Self.session(Database(), version)
            var hello: PackValue = ["user_agent": "test/1"]
            if !version.hasLogon, case .map(let a) = auth, case .map(let h) = hello { hello = .map(h + a) }
            let first = c.send(BoltMessage.hello, hello)
            let reply = version.hasLogon ? c.send(BoltMessage.logon, auth) : first
            #expect(tag(reply.last) == BoltMessage.failure)
            #expect(metadata(reply.last)?["code"]?.stringValue == "Neo.ClientError.Security.Unauthorized")
            #expect(c.session.isDefunct)
        }
    }

    @Test("a reader reads; its write is Forbidden and writes nothing")
    func readerCannotWrite() {
        let db = Database()
        let c = Self.session(db, BoltVersion(5, 6))
        #expect(tag(c.send(BoltMessage.hello, ["user_agent": "test/1"]).last) == BoltMessage.success)
        #expect(tag(c.send(BoltMessage.logon, ["scheme": "basic", "principal": "reader", "credentials": "reader-password"]).last) == BoltMessage.success)
        #expect(c.query("RETURN 1 AS x").records == [[1]])
        let run = c.send(BoltMessage.run, "CREATE (:Secret)", [:], [:])
        #expect(tag(run.last) == BoltMessage.failure)
        #expect(metadata(run.last)?["code"]?.stringValue == "Neo.ClientError.Security.Forbidden")
        #expect(db.graph.snapshot.nodeCount == 0)
    }
}

extension Conversation {
    init(session: BoltSession) { self.session = session }
}
