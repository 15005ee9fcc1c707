import ArgumentParser
import BoltServer
import CypherRuntime
import Engine
import GraphImport
import GraphStore
import Foundation
import Logging
import Neo4jMirror
import Persistence
import QueryServer
import Recommend
import Synchronization

extension Ignitabull {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the HTTP API until SIGINT or SIGTERM.",
            discussion: """
                Routes: GET /health, /metrics, /openapi.json; under /db/neo4j: products/{id}/similar, \
                products/{id}/also-bought, products/{id}/frequently-bought-with, customers/{id}/recommendations, \
                POST search, cypher, nodes, relationships; and Neo4j's HTTP transaction API (/db/neo4j/tx…, GET /). \
                With --demo on an empty data directory, the bundled Online Retail data is imported and mined \
                first, and the products are embedded when the MiniLM model is present (`ignitabull model fetch`).
                """)

        @OptionGroup var storage: StorageOptions
        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port to listen on.") var port = 7474
        @Option(help: "The port for Neo4j's Bolt protocol (drivers, neo4j:// and bolt:// URLs), on the same host; 0: off.")
        var boltPort = 7687
        @Flag(help: "On an empty database, import the bundled Online Retail data (found from any working directory) and mine frequently-bought-with pairs first; embed the products when the model is present.")
        var demo = false
        @Option(help: "The largest request body accepted, in bytes.") var maxBodyBytes = ServerConfiguration().maxBodyBytes
        @Option(help: "The longest Cypher query accepted, in bytes.") var maxQueryBytes = ServerConfiguration().maxQueryBytes
        @Option(help: "Seconds an idle explicit transaction stays open.") var transactionTimeout = 60
        @Option(help: "Megabytes of recommendation answers kept for repeated requests while the data is unchanged (0: off).")
        var responseCacheMb = ServerConfiguration().responseCacheBytes >> 20
        @Option(help: "The model directory for text search (default $IGNITABULL_MODEL_DIR or ~/.cache/ignitabull/models/all-MiniLM-L6-v2).")
        var modelDir: String?
        @Option(help: "Seconds a Cypher statement may run.") var queryTimeout = 30
        @Option(help: "Work units (rows produced plus relationships expanded) one Cypher statement may use, over HTTP and Bolt (0: no budget; the time and memory limits still apply).")
        var queryWorkBudget = Database.defaultWorkBudget
        @Option(help: "Megabytes one Cypher statement may hold (values and intermediate rows).")
        var queryMemoryMb = ServerConfiguration().queryMemoryBytes >> 20
        @Option(help: "Megabytes all running Cypher statements may hold together (default: a quarter of physical memory).")
        var queryMemoryPoolMb = ServerConfiguration().queryMemoryPoolBytes >> 20
        @Option(help: "Light-lane slots for Cypher statements (every statement starts there).")
        var lightWorkers = ServerConfiguration().lightWorkers
        @Option(help: "Heavy-lane slots: statements that ran longer than --heavy-after-ms move there.")
        var heavyWorkers = ServerConfiguration().heavyWorkers
        @Option(help: "Milliseconds after which a running statement counts as heavy.") var heavyAfterMs = 200
        @Option(help: "Statements queued beyond the lanes' slots before requests get 503.")
        var maxQueuedQueries = ServerConfiguration().maxQueuedQueries
        @Option(help: "An origin (https://app.example.com) whose pages may call the server, with CORS; repeat for more. None: CORS off.")
        var allowOrigin: [String] = []
        @Option(help: "Seconds an idle or half-sent connection stays open.") var idleTimeout = 30
        @Option(help: "Seconds a request body may take to arrive.") var bodyTimeout = 30
        @Option(help: "The most open connections (default: three quarters of the descriptor limit, at most 10000).")
        var maxConnections = ServerConfiguration().maxConnections
        @Option(name: .customLong("mirror-to"), help: "Mirror every write to this Neo4j HTTP URL in the background (see docs/mirror.md).")
        var mirrorTo: String?
        @Option(name: .customLong("mirror-user"), help: "The mirror target's user (basic authentication).") var mirrorUser: String?
        @Option(name: .customLong("mirror-password-file"), help: "A file whose first line is the mirror target's password.")
        var mirrorPasswordFile: String?
        @Option(name: .customLong("mirror-database"), help: "The mirror target's database.") var mirrorDatabase = "neo4j"
        @Option(help: "Where POST /db/neo4j/backup writes online backups, each in a new directory the server names (default: DATA/backups).")
        var backupDir: String?
        @Option(help: "Seconds between background checkpoints (vector indexes saved, the mutation log compacted past every reader), taken when 10,000 or more log entries were written since the last; 0: only at shutdown.")
        var checkpointInterval = 300
        @Option(help: "Cypher statements whose plans are kept for reuse, by text and parameter types (0: off).")
        var planCacheSize = PlanCache().capacity
        @Flag(help: "Serve without authentication (anyone who can connect reads and writes everything); only on a loopback --host.")
        var noAuth = false
        @Option(help: "The directory of users, API keys and the audit log (default: DATA/system; in memory with --in-memory).")
        var authDir: String?
        @Option(help: "Log format: text or json (one JSON object per line).") var logFormat = "text"
        @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"

        func validate() throws {
            guard (1...65_535).contains(port) else { throw ValidationError("--port must be in 1...65535") }
            guard (0...65_535).contains(boltPort), boltPort != port else {
                throw ValidationError("--bolt-port must be in 0...65535 (0: off) and differ from --port")
            }
            guard maxBodyBytes >= 1024 else { throw ValidationError("--max-body-bytes must be at least 1024") }
            guard maxQueryBytes >= 16 else { throw ValidationError("--max-query-bytes must be at least 16") }
            guard (0...65_536).contains(responseCacheMb) else { throw ValidationError("--response-cache-mb must be in 0...65536") }
            guard transactionTimeout >= 1 else { throw ValidationError("--transaction-timeout must be at least 1") }
            guard queryTimeout >= 1 else { throw ValidationError("--query-timeout must be at least 1") }
            guard queryWorkBudget >= 0 else { throw ValidationError("--query-work-budget must be 0 (none) or more") }
            guard queryMemoryMb >= 1, queryMemoryPoolMb >= queryMemoryMb else {
                throw ValidationError("--query-memory-mb must be at least 1 and at most --query-memory-pool-mb")
            }
            guard lightWorkers >= 1, heavyWorkers >= 1, maxQueuedQueries >= 0, heavyAfterMs >= 1 else {
                throw ValidationError("--light-workers and --heavy-workers must be at least 1, --max-queued-queries at least 0")
            }
            guard idleTimeout >= 1, bodyTimeout >= 1 else { throw ValidationError("--idle-timeout and --body-timeout must be at least 1") }
            guard planCacheSize >= 0 else { throw ValidationError("--plan-cache-size must be at least 0") }
            guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
            for o in allowOrigin where !(o.hasPrefix("http://") || o.hasPrefix("https://")) {
                throw ValidationError("--allow-origin takes an origin such as https://app.example.com, not \(o)")
            }
            guard !noAuth || Self.isLoopback(host) else {
                throw ValidationError("--no-auth serves everyone without a password, so it listens only on loopback (127.0.0.1, ::1, localhost), not \(host)")
            }
            guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        }

        func run() async throws {
            // Found before anything is opened, so a missing file leaves no empty data directory behind.
            let demoData = demo ? Self.demoDataset() : nil
            if demo && demoData == nil {
                throw CLIError(
                    "--demo needs \(Self.demoRelativePath): it is not under the working directory, its parents or the"
                        + " executable's folders; run from the checkout or set IGNITABULL_DEMO_DATA=FILE")
            }
            if let problem = Self.bindProblem(host: host, port: port) { throw CLIError(problem) }
            if boltPort != 0, let problem = Self.bindProblem(host: host, port: boltPort) { throw CLIError("Bolt: \(problem)") }
            let db = try storage.open(creating: demo)
            db.planCache.capacity = planCacheSize
            let (access, passwordFile) = try accessControl()
            if let path = demoData, db.graph.snapshot.nodeCount == 0 {
                let bar = ProgressBar(title: "importing \(path)")
                let report = try db.importOnlineRetail(path: path) { bar.update(done: $0, total: $1) }
                bar.finish()
                Output.write(1, "imported \(report.purchases) purchases, \(report.customers) customers, \(report.products) products\n")
                let (mined, _) = try db.mineFrequentlyBoughtTogether()
                Output.write(1, "mined \(mined.pairs.count) frequently-bought-with pairs\n")
            }
            if demo { try DemoEmbeddings.ensure(db, modelDirectory: modelDir) }
            let format = logFormat
            let level = Logger.Level(rawValue: logLevel) ?? .info
            var logger = Logger(label: "ignitabull") { label in
                format == "json" ? JSONLogHandler(label: label) as any LogHandler : TextLogHandler(label: label)
            }
            logger.logLevel = level
            // Every database of the data directory (DATA is `neo4j`, the others DATA/databases/NAME), each with
            // this run's plan cache and work budget, its recommender's first build started and a background
            // checkpoint (also those created while serving).
            let (planCacheSize, workBudget, interval) = (planCacheSize, queryWorkBudget, Double(checkpointInterval))
            let otherCheckpointers = Mutex<[Checkpointer]>([])
            let checkpointLogger = logger
            let prepareOther: @Sendable (Database) -> Void = { d in
                d.planCache.capacity = planCacheSize
                d.setWorkBudget(workBudget, setting: "`ignitabull serve --query-work-budget N` (0: none)")
                d.prepareRecommender()
                let c = Checkpointer(d, every: interval, entries: 10_000, logger: checkpointLogger)
                otherCheckpointers.withLock { $0.append(c) }
            }
            let databases: Databases
            do {
                databases = storage.inMemory
                    ? Databases(default: db, prepare: prepareOther)
                    : try Databases(directory: storage.directory, default: db, prepare: prepareOther)
            } catch {
                throw CLIError("\(error)")
            }
            for w in databases.warnings { Output.write(2, "warning: \(w)\n") }
            var config = ServerConfiguration()
            config.maxBodyBytes = maxBodyBytes
            config.maxQueryBytes = maxQueryBytes
            config.transactionTimeout = .seconds(transactionTimeout)
            if let store = db.storage { config.backupDirectory = backupDir ?? store.directory + "/backups" }
            config.modelDirectory = modelDir
            config.responseCacheBytes = responseCacheMb << 20
            config.queryTimeLimit = .seconds(queryTimeout)
            config.queryMemoryBytes = queryMemoryMb << 20
            db.setWorkBudget(queryWorkBudget, setting: "`ignitabull serve --query-work-budget N` (0: none)")
            config.queryMemoryPoolBytes = queryMemoryPoolMb << 20
            config.lightWorkers = lightWorkers
            config.heavyWorkers = heavyWorkers
            config.heavyQueryAfter = .milliseconds(heavyAfterMs)
            config.maxQueuedQueries = maxQueuedQueries
            config.allowedOrigins = allowOrigin
            config.idleTimeout = .seconds(idleTimeout)
            config.bodyTimeout = .seconds(bodyTimeout)
            config.maxConnections = maxConnections
            config.access = access
            let selectionLogger = logger
            db.logModelSelections { line in selectionLogger.info("\(line)") }
            let examples = Self.examples(
                db, base: "http://\(host):\(port)",
                credentials: access == nil ? nil : passwordFile.map { "-u \"admin:$(cat \($0))\" " } ?? "-u admin:PASSWORD ")
            // The first model build runs in the background; until it is ready, recommendations come from the
            // live graph, marked "model": "building".
            db.prepareRecommender()
            let bolt: BoltServer?
            do {
                var boltConfiguration = BoltConfiguration()
                boltConfiguration.authentication = access.map { Self.boltAuthentication($0, databases: databases) }
                if access == nil { boltConfiguration.system = Self.boltSystem(nil, databases, principal: nil, source: "bolt") }
                bolt = boltPort == 0
                    ? nil
                    : try await BoltServer.start(
                        databases: databases, host: host, port: boltPort, configuration: boltConfiguration, logger: logger)
            } catch {
                throw CLIError(Self.bindProblem(host: host, port: boltPort).map { "Bolt: \($0)" } ?? "cannot serve Bolt on \(host):\(boltPort): \(error)")
            }
            let mirror = try startMirror(db, logger: logger)
            let checkpointer = Checkpointer(db, every: Double(checkpointInterval), entries: 10_000, logger: logger)
            if let mirror { config.extraMetrics = { mirror.prometheusText() } }
            let boltURL = boltPort == 0 ? nil : "bolt://\(host):\(boltPort)"
            // Unbuffered: when stdout is a pipe (a log collector), the hints must appear as soon as the server is up.
            do {
                let announced = storage.inMemory ? nil : storage.directory
                defer { if let announced { ServedDirectory.withdraw(announced) } }
                try await QueryServer.serve(databases: databases, host: host, port: port, configuration: config, logger: logger) {
                    if let announced {
                        ServedDirectory.announce(announced, url: "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)")
                    }
                    Output.write(1, "serving on http://\(host):\(port)\(boltURL.map { " and \($0) (neo4j:// too)" } ?? ""); try:\n")
                    for e in examples { Output.write(1, "  curl -s \(e)\n") }
                    Output.write(1, "stop with Ctrl-C (SIGINT) or SIGTERM\n")
                }
            } catch {
                // Taken between the check above and the bind: name the port all the same.
                throw CLIError(Self.bindProblem(host: host, port: port) ?? "cannot serve on \(host):\(port): \(error)")
            }
            try? await bolt?.shutdown()
            mirror?.stop()
            checkpointer.stop()
            for c in otherCheckpointers.withLock({ $0 }) { c.stop() }
            LogSink.standardOutput.flush()
            // Every acknowledged write is already durable; saving the vector indexes shortens the next start, and
            // the log is compacted past every reader.
            for (_, d) in databases.all { try d.checkpoint() }
            Output.write(1, "stopped\n")
        }

        /// Starts the background mirror of `--mirror-to`, if given: on a thread of its own (delivery blocks on the
        /// network), logging a permanent error when it stops.
        func startMirror(_ db: Database, logger: Logger) throws -> Neo4jMirror? {
            guard let url = mirrorTo else { return nil }
            guard db.storage != nil else { throw CLIError("--mirror-to needs a data directory (not --in-memory)") }
            let target = try MirrorTargetOptions.target(url: url, database: mirrorDatabase, user: mirrorUser, passwordFile: mirrorPasswordFile)
            let mirror: Neo4jMirror
            do {
                mirror = try Neo4jMirror(
                    database: db, target: target, configuration: MirrorConfiguration(consumer: MirrorConfiguration.consumerName(url: url, database: mirrorDatabase)))
            } catch {
                throw CLIError(error.message)
            }
            Thread.detachNewThread {
                do throws(MirrorError) {
                    try mirror.run(follow: true)
                } catch {
                    if error.code != .cancelled { logger.error("mirror to \(target.endpoint) stopped: \(error.message)") }
                }
            }
            return mirror
        }

        /// Three requests that work on the loaded data: recommendations, a related-products route and a Cypher query.
        static func examples(_ db: Database, base: String, credentials: String? = nil) -> [String] {
            let s = db.graph.snapshot
            var out: [String] = []
            if let c = s.catalog.label("Customer").flatMap({ s.nodes(label: $0).first }), let id = s.property(c, "id")?.stringValue {
                out.append("'\(base)/db/neo4j/customers/\(id)/recommendations?k=5&explain=true'")
            }
            if let p = s.catalog.label("Product").flatMap({ s.nodes(label: $0).first }), let id = s.property(p, "id")?.stringValue {
                let similar = db.vectorIndexes.all.contains { $0.definition.label == "Product" }
                out.append("'\(base)/db/neo4j/products/\(id)/\(similar ? "similar" : "frequently-bought-with")?k=5'")
            }
            out.append(
                "-H 'Content-Type: application/json' -d '{\"query\": \"MATCH (n) RETURN count(n) AS nodes\"}' '\(base)/db/neo4j/cypher'")
            if out.count < 3 { out.insert("'\(base)/health'", at: 0) }
            return Array(out.prefix(3)).map { (credentials ?? "") + $0 }
        }
    }
}
