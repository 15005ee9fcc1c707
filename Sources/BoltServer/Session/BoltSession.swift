import CypherRuntime
public import Engine
import Foundation
import GraphStore
import Synchronization

/// One Bolt connection's state machine, apart from the network: it takes decoded request messages and
/// emits response messages, so it can be driven by the channel handler or directly by tests.
///
/// States follow the Bolt server state machine: CONNECTED (before HELLO), AUTHENTICATION (5.1+, before
/// LOGON), READY, STREAMING, TX_READY, TX_STREAMING, FAILED (everything but RESET and GOODBYE is IGNORED)
/// and DEFUNCT. A transaction is a private copy of the graph (`GraphTransaction`): dropping it is the
/// rollback, so RESET, a failure or a closed connection can never leave one behind.
public final class BoltSession: Sendable {
    enum Phase: Equatable { case connected, authentication, ready, failed, defunct }

    struct State {
        var phase = Phase.connected
        var utcPatch = false
        var transaction: GraphTransaction?
        /// The database of the open transaction: its name and its `Database` (nil for `system`, whose commands
        /// apply as they run).
        var transactionDatabase: (name: String, database: Database?)?
        var transactionTimeLimit: Duration?
        /// Open results by query id; auto-commit results use id -1.
        var streams: [Int64: BoltResultStream] = [:]
        var lastQueryID: Int64 = -1
        var nextQueryID: Int64 = 0
        /// What this login may run (nil without access control).
        var login: BoltAuthentication.Login?
    }

    public let version: BoltVersion
    /// Every database this server has; BEGIN's and RUN's `db` choose one (default `neo4j`).
    let databases: Databases
    /// The `system` database's commands without access control (with it, the login's own).
    let system: BoltSystemDatabase.Run?
    let connectionID: String
    /// `host:port` named in routing tables.
    let advertisedAddress: String
    let log: @Sendable (String) -> Void
    let authentication: BoltAuthentication?
    /// The client's address (failed logins are throttled per source).
    let source: String
    private let state = Mutex(State())
    /// Set from the network side when the client is gone, so that a PULL still reading stops.
    private let abandoned = Atomic<Bool>(false)

    /// A session on `database` alone (as `neo4j`).
    public convenience init(
        database: Database, version: BoltVersion, connectionID: String, advertisedAddress: String,
        log: @escaping @Sendable (String) -> Void = { _ in }, authentication: BoltAuthentication? = nil, source: String = "local"
    ) {
        self.init(
            databases: Databases(default: database), version: version, connectionID: connectionID,
            advertisedAddress: advertisedAddress, log: log, authentication: authentication, source: source)
    }

    public init(
        databases: Databases, version: BoltVersion, connectionID: String, advertisedAddress: String,
        log: @escaping @Sendable (String) -> Void = { _ in }, authentication: BoltAuthentication? = nil, source: String = "local",
        system: BoltSystemDatabase.Run? = nil
    ) {
        self.authentication = authentication
        self.source = source
        self.databases = databases
        self.system = system
        self.version = version
        self.connectionID = connectionID
        self.advertisedAddress = advertisedAddress
        self.log = log
    }

    /// Whether the connection should be closed (after GOODBYE or a protocol violation).
    public var isDefunct: Bool { state.withLock { $0.phase == .defunct } }

    /// Whether an explicit transaction is open.
    public var hasOpenTransaction: Bool { state.withLock { $0.transactionDatabase != nil } }

    /// The client is gone: a PULL in progress stops reading its result (callable while a message is handled).
    public func abandon() { abandoned.store(true, ordering: .relaxed) }

    /// Drops any open transaction and result (the connection closed).
    public func close() {
        state.withLock { s in
            if s.transaction != nil { log("connection \(connectionID) closed with an open transaction: rolled back") }
            s.transaction = nil
            s.transactionDatabase = nil
            s.streams = [:]
            s.phase = .defunct
        }
    }

    /// Handles one whole message (its PackStream bytes), emitting the responses in order.
    public func handle(_ bytes: [UInt8], emit: (PackValue) -> Void) {
        let message: PackValue
        do {
            message = try PackStreamDecoder.decode(bytes)
        } catch {
            fail(error, emit: emit)
            return
        }
        handle(message, emit: emit)
    }

    /// Handles one decoded message.
    public func handle(_ message: PackValue, emit: (PackValue) -> Void) {
        guard case .structure(let tag, let fields) = message else {
            fail(BoltError.protocolViolation("a message must be a structure, not \(message)"), emit: emit)
            return
        }
        state.withLock { s in
            do throws(BoltError) {
                try dispatch(tag, fields, &s, emit)
            } catch {
                fail(error, &s, emit)
            }
        }
    }

    private func fail(_ error: BoltError, emit: (PackValue) -> Void) {
        state.withLock { s in fail(error, &s, emit) }
    }

    private func fail(_ error: BoltError, _ s: inout State, _ emit: (PackValue) -> Void) {
        emit(BoltMessage.failure(error, version))
        s.streams = [:]
        if error.closesConnection {
            s.transaction = nil
            s.transactionDatabase = nil
            s.phase = .defunct
        } else if s.phase != .connected && s.phase != .authentication {
            s.phase = .failed
        } else {
            s.phase = .defunct  // A failed HELLO or LOGON ends the connection, as in Neo4j.
        }
    }

    private func dispatch(
        _ tag: UInt8, _ fields: [PackValue], _ s: inout State, _ emit: (PackValue) -> Void
    ) throws(BoltError) {
        if s.phase == .defunct { return }
        switch tag {
        case BoltMessage.goodbye:
            s.transaction = nil
            s.transactionDatabase = nil
            s.streams = [:]
            s.phase = .defunct
            return
        case BoltMessage.reset:
            if s.transaction != nil { log("connection \(connectionID): RESET rolled back the open transaction") }
            s.transaction = nil
            s.transactionDatabase = nil
            s.streams = [:]
            if s.phase == .failed || s.phase == .ready { s.phase = .ready }
            emit(BoltMessage.success())
            return
        default: break
        }
        if s.phase == .failed {
            emit(BoltMessage.ignoredMessage)
            return
        }
        switch (s.phase, tag) {
        case (.connected, BoltMessage.hello): try hello(fields, &s, emit)
        case (.authentication, BoltMessage.logon): try logon(fields, &s, emit)
        case (.ready, BoltMessage.logoff) where version.hasLogon:
            guard s.transactionDatabase == nil, s.streams.isEmpty else { throw BoltError.invalid("LOGOFF with an open transaction or result") }
            s.phase = .authentication
            emit(BoltMessage.success())
        case (.ready, BoltMessage.run): try run(fields, &s, emit)
        case (.ready, BoltMessage.pull): try pull(fields, discard: false, &s, emit)
        case (.ready, BoltMessage.discard): try pull(fields, discard: true, &s, emit)
        case (.ready, BoltMessage.begin): try begin(fields, &s, emit)
        case (.ready, BoltMessage.commit): try commit(&s, emit)
        case (.ready, BoltMessage.rollback):
            guard s.transactionDatabase != nil else { throw BoltError.invalid("ROLLBACK without an open transaction") }
            s.transaction = nil
            s.transactionDatabase = nil
            s.streams = [:]
            emit(BoltMessage.success())
        case (.ready, BoltMessage.telemetry):
            emit(BoltMessage.success())
        case (.ready, BoltMessage.route): try route(fields, s, emit)
        case (_, BoltMessage.hello), (_, BoltMessage.logon), (_, BoltMessage.logoff), (_, BoltMessage.run),
            (_, BoltMessage.pull), (_, BoltMessage.discard), (_, BoltMessage.begin), (_, BoltMessage.commit),
            (_, BoltMessage.rollback), (_, BoltMessage.telemetry), (_, BoltMessage.route):
            throw BoltError(
                "Neo.ClientError.Request.Invalid", "\(BoltMessage.name(tag)) is not allowed before authentication",
                closesConnection: true)
        default:
            throw BoltError.protocolViolation("unknown message \(BoltMessage.name(tag))")
        }
    }

    // MARK: Connection

    /// Checks the auth map with `authentication` (or notes that nothing is checked) and keeps the login's
    /// statement check.
    private func authenticate(_ auth: PackValue, _ s: inout State) throws(BoltError) {
        guard let authentication else { return log(credentialsNote(auth)) }
        s.login = try authentication.login(
            auth["scheme"]?.stringValue ?? "none", auth["principal"]?.stringValue ?? "", auth["credentials"]?.stringValue ?? "", source)
    }

    private func credentialsNote(_ auth: PackValue?) -> String {
        let principal = auth?["principal"]?.stringValue ?? "(none)"
        let scheme = auth?["scheme"]?.stringValue ?? "none"
        return "connection \(connectionID): accepted \(scheme) credentials for principal \(principal) without checking "
            + "them (no access control yet: every client is allowed)"
    }

    private func hello(_ fields: [PackValue], _ s: inout State, _ emit: (PackValue) -> Void) throws(BoltError) {
        guard let extra = fields.first, case .map = extra else { throw BoltError.invalidFormat("HELLO needs a map") }
        var meta: [(String, PackValue)] = [
            ("server", "Neo4j/5.26.0 compatible graph database server - Ignitabull"),
            ("connection_id", .string(connectionID)), ("hints", .map([])),
        ]
        if version.major == 4, extra["patch_bolt"]?.listValue?.contains("utc") == true {
            s.utcPatch = true
            meta.append(("patch_bolt", ["utc"]))
        }
        if version.hasLogon {
            s.phase = .authentication
        } else {
            try authenticate(extra, &s)
            s.phase = .ready
        }
        emit(BoltMessage.success(meta))
    }

    private func logon(_ fields: [PackValue], _ s: inout State, _ emit: (PackValue) -> Void) throws(BoltError) {
        guard let auth = fields.first, case .map = auth else { throw BoltError.invalidFormat("LOGON needs a map") }
        try authenticate(auth, &s)
        s.phase = .ready
        emit(BoltMessage.success())
    }

    // MARK: Queries

    /// The database `extra`'s `db` names (absent or empty: `neo4j`), lower-cased; its `Database`, or nil for
    /// `system` when this login may run its commands. Any other name is `DatabaseNotFound`.
    private func resolve(_ extra: PackValue?, _ s: State) throws(BoltError) -> (name: String, database: Database?) {
        var name = extra?["db"]?.stringValue ?? ""
        if name.isEmpty { name = "neo4j" }
        let shown = name.utf8.count <= 80 && name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } ? name : "(not printable)"
        let notFound = BoltError("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: '\(shown)'.")
        if name.lowercased() == "system" {
            guard systemCommands(s) != nil else { throw notFound }
            return ("system", nil)
        }
        guard let database = databases.database(named: name) else { throw notFound }
        return (name.lowercased(), database)
    }

    /// The `system` database's runner for this login (nil: not served).
    private func systemCommands(_ s: State) -> BoltSystemDatabase.Run? {
        authentication == nil ? system : s.login?.system
    }

    /// Runs a `system` command and opens its rows as a result.
    private func runSystem(_ text: String, _ parameters: [String: Value], _ s: State) throws(BoltError) -> BoltResultStream {
        guard let run = systemCommands(s) else {
            throw BoltError("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: 'system'.")
        }
        let started = ContinuousClock.now
        let (columns, rows) = try run(text, parameters)
        return BoltResultStream(columns: columns, rows: rows, text: text, started: started)
    }

    private func timeLimit(_ extra: PackValue?) -> Duration? {
        if let ms = extra?["tx_timeout"]?.intValue, ms > 0 { return .milliseconds(ms) }
        return .seconds(30)
    }

    private func run(_ fields: [PackValue], _ s: inout State, _ emit: (PackValue) -> Void) throws(BoltError) {
        guard fields.count >= 2, let text = fields[0].stringValue, case .map(let params) = fields[1] else {
            throw BoltError.invalidFormat("RUN needs a query string and a parameter map")
        }
        let extra = fields.count > 2 ? fields[2] : nil
        // In a transaction, its database; else RUN's own `db`.
        let target: (name: String, database: Database?)
        if let open = s.transactionDatabase { target = open } else { target = try resolve(extra, s) }
        if target.database != nil { try s.login?.check(target.name, text, Set(params.map(\.0))) }
        let decoder = BoltValueDecoder(version: version, utcPatch: s.utcPatch)
        var parameters: [String: Value] = [:]
        for (k, v) in params { parameters[k] = try decoder.decode(v) }
        let started = ContinuousClock.now
        var stream: BoltResultStream
        let qid: Int64
        if s.transactionDatabase != nil {
            if !s.streams.isEmpty, s.streams.keys.contains(-1) { throw BoltError.invalid("RUN while an auto-commit result is open") }
            if var txn = s.transaction, let database = target.database {
                do {
                    stream = BoltResultStream(
                        try database.open(text, parameters: parameters, in: &txn, timeLimit: s.transactionTimeLimit), text: text,
                        started: started)
                } catch {
                    throw BoltError.from(error)
                }
                s.transaction = txn
            } else {
                stream = try runSystem(text, parameters, s)
            }
            qid = s.nextQueryID
            s.nextQueryID += 1
        } else {
            guard s.streams.isEmpty else { throw BoltError.invalid("RUN while a result is still streaming; PULL or DISCARD it first") }
            if let database = target.database {
                do {
                    stream = BoltResultStream(
                        try database.open(text, parameters: parameters, timeLimit: timeLimit(extra)), text: text, started: started)
                } catch {
                    throw BoltError.from(error)
                }
            } else {
                stream = try runSystem(text, parameters, s)
            }
            qid = -1
        }
        stream.database = target.name
        s.streams[qid] = stream
        s.lastQueryID = qid
        var meta: [(String, PackValue)] = [
            ("fields", .list(stream.columns.map(PackValue.string))),
            ("t_first", .int(Self.milliseconds(ContinuousClock.now - started))),
        ]
        if qid >= 0 { meta.append(("qid", .int(qid))) }
        emit(BoltMessage.success(meta))
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }

    /// PULL or DISCARD `n` records (-1: all) of result `qid` (-1: the last one run).
    private func pull(_ fields: [PackValue], discard: Bool, _ s: inout State, _ emit: (PackValue) -> Void) throws(BoltError) {
        let extra = fields.first
        let n = extra?["n"]?.intValue ?? -1
        guard n == -1 || n > 0 else { throw BoltError.invalidFormat("n must be -1 or positive, not \(n)") }
        var qid = extra?["qid"]?.intValue ?? -1
        if qid == -1 { qid = s.lastQueryID }
        guard var stream = s.streams[qid] else { throw BoltError.invalid("no open result with qid \(qid) to \(discard ? "DISCARD" : "PULL")") }
        let encoder = BoltValueEncoder(snapshot: stream.snapshot, version: version, utcPatch: s.utcPatch)
        let more: Bool
        do {
            more = try stream.take(Int(n), discard: discard, until: { abandoned.load(ordering: .relaxed) }) { rows in
                for row in rows { emit(.structure(tag: BoltMessage.record, fields: [.list(row.map(encoder.encode))])) }
            }
        } catch {
            s.streams[qid] = nil
            throw BoltError.from(error)
        }
        if more {
            s.streams[qid] = stream
            emit(BoltMessage.success([("has_more", true)]))
            return
        }
        s.streams[qid] = nil
        var meta: [(String, PackValue)] = []
        if qid == -1 && s.transactionDatabase == nil { meta.append(("bookmark", .string(bookmark(stream.database)))) }
        let stats = stream.stats
        if !stats.isEmpty { meta.append(("stats", .map(stats))) }
        meta += [
            ("type", .string(stream.queryType)), ("db", .string(stream.database)),
            ("t_last", .int(Self.milliseconds(ContinuousClock.now - stream.started))),
        ]
        emit(BoltMessage.success(meta))
    }

    /// The bookmark of the latest committed version: every commit is visible to the next query on any
    /// connection (one instance, synchronous commits), so bookmarks received are accepted as met.
    private func bookmark(_ name: String) -> String {
        "ignitabull:\(databases.database(named: name)?.graph.snapshot.version ?? 0)"
    }

    // MARK: Transactions

    private func begin(_ fields: [PackValue], _ s: inout State, _ emit: (PackValue) -> Void) throws(BoltError) {
        guard s.transactionDatabase == nil else { throw BoltError.invalid("BEGIN while a transaction is open") }
        guard s.streams.isEmpty else { throw BoltError.invalid("BEGIN while a result is still streaming") }
        let extra = fields.first
        let target = try resolve(extra, s)
        s.transactionDatabase = target
        s.transaction = target.database?.beginTransaction()
        s.transactionTimeLimit = timeLimit(extra)
        s.nextQueryID = 0
        emit(BoltMessage.success())
    }

    private func commit(_ s: inout State, _ emit: (PackValue) -> Void) throws(BoltError) {
        guard let target = s.transactionDatabase else { throw BoltError.invalid("COMMIT without an open transaction") }
        let txn = s.transaction
        s.transaction = nil
        s.transactionDatabase = nil
        s.streams = [:]
        if let txn, let database = target.database {
            do {
                try database.commit(txn)
            } catch {
                throw BoltError.from(error)
            }
        }
        emit(BoltMessage.success([("bookmark", .string(bookmark(target.name)))]))
    }

    // MARK: Routing

    /// A routing table naming this server for every role, so `neo4j://` URLs work against one instance.
    private func route(_ fields: [PackValue], _ s: State, _ emit: (PackValue) -> Void) throws(BoltError) {
        // 4.4 and 5.x: ROUTE routing-context, bookmarks, {db, imp_user}.
        let extra = fields.count > 2 ? fields[2] : nil
        let target = try resolve(extra, s)
        let servers: [PackValue] = ["WRITE", "READ", "ROUTE"].map { role in
            .map([("addresses", [.string(advertisedAddress)]), ("role", .string(role))])
        }
        let table: PackValue = .map([("ttl", 300), ("db", .string(target.name)), ("servers", .list(servers))])
        emit(BoltMessage.success([("rt", table)]))
    }
}
