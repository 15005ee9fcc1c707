import ArgumentParser
import Engine
import Foundation
import Neo4jMirror
import Persistence
import Synchronization

extension Ignitabull {
    struct Mirror: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mirror the data directory's writes to Neo4j (or another ignitabull serve) over HTTP.",
            subcommands: [Sync.self, Status.self, Forget.self])
    }
}

/// The target of a mirror.
struct MirrorTargetOptions: ParsableArguments {
    @Option(name: .customLong("to"), help: "The target's base URL, e.g. http://localhost:7474.")
    var url: String

    @Option(help: "The user for basic authentication (none when not given).")
    var user: String?

    @Option(name: .customLong("password-file"), help: "A file whose first line is the password.")
    var passwordFile: String?

    @Option(help: "The target database.")
    var database = "neo4j"

    var consumer: String { MirrorConfiguration.consumerName(url: url, database: database) }

    func target() throws -> Neo4jHTTPTarget {
        try Self.target(url: url, database: database, user: user, passwordFile: passwordFile)
    }

    static func target(url: String, database: String, user: String?, passwordFile: String?) throws -> Neo4jHTTPTarget {
        var password = ""
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw CLIError("\(passwordFile): cannot read the password file")
            }
            password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
        do {
            return try Neo4jHTTPTarget(url: url, database: database, user: user, password: password)
        } catch {
            throw CLIError(error.message)
        }
    }
}

extension Ignitabull.Mirror {
    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the graph to the target (first run), then the writes since the last run; with --follow, keep going.")

        @OptionGroup var storage: StorageOptions
        @OptionGroup var target: MirrorTargetOptions

        @Flag(help: "Keep mirroring new writes until interrupted (SIGINT/SIGTERM).")
        var follow = false

        @Option(name: .customLong("batch-rows"), help: "The most rows in one request to the target.")
        var batchRows = 5_000

        func run() async throws {
            let db = try storage.open(quiet: true)
            var c = MirrorConfiguration(consumer: target.consumer)
            c.maxRowsPerRequest = batchRows
            if !follow { c.maxAttempts = 12 }
            let mirror: Neo4jMirror
            do {
                mirror = try Neo4jMirror(database: db, target: try target.target(), configuration: c)
            } catch let e as MirrorError {
                throw CLIError(e.message)
            }
            MirrorSignals.stop(mirror, onSignal: [SIGINT, SIGTERM])
            let bar = ProgressBar(title: "initial sync")
            do {
                try mirror.run(follow: follow) { done, total in bar.update(done: done, total: total) }
            } catch {
                bar.finish()
                if error.code == .cancelled {
                    Output.write(2, "stopped\n")
                } else {
                    throw CLIError("mirror stopped: \(error.message)")
                }
            }
            bar.finish()
            let s = try mirror.status()
            let st = mirror.statistics
            print("mirrored to \(target.url)/db/\(target.database): cursor \(s.cursor ?? 0) of \(s.lastSequence), "
                + "\(Report.number(st.deliveredMutations)) mutations in \(Report.number(st.deliveredBatches)) batches, "
                + "\(st.retries) retries")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the mirror's cursor and lag for a target.")

        @OptionGroup var storage: StorageOptions
        @OptionGroup var target: MirrorTargetOptions

        func run() async throws {
            let db = try storage.open(quiet: true)
            guard let store = db.storage else { throw CLIError("mirror status needs a data directory") }
            do {
                let s = try Neo4jMirror.status(of: store, consumer: target.consumer)
                print("target: \(target.url)/db/\(target.database)")
                print("cursor: \(s.cursor.map(String.init) ?? "none (no initial sync yet)")")
                print("log end: \(s.lastSequence)")
                print("lag: \(s.lagEntries) log entries, \(String(format: "%.1f", s.lagSeconds)) s")
            } catch {
                throw CLIError(error.message)
            }
        }
    }
}

extension Ignitabull.Mirror {
    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget a target: its cursor and directory go, so it no longer holds the log back from compaction.",
            discussion: "Mirroring to it again starts with an initial sync.")

        @OptionGroup var storage: StorageOptions
        @OptionGroup var target: MirrorTargetOptions

        func run() async throws {
            let db = try storage.open(quiet: true)
            guard let store = db.storage else { throw CLIError("mirror forget needs a data directory") }
            guard try store.consumerSequence(target.consumer) != nil else {
                throw CLIError("no mirror cursor for \(target.url) (database \(target.database)) in \(storage.directory)")
            }
            try store.resetConsumer(target.consumer)
            print("forgot \(target.url)/db/\(target.database); the next checkpoint compacts the log past it")
        }
    }
}

private let mirrorSignalled = Atomic<Bool>(false)

/// Stops a following mirror on SIGINT or SIGTERM, so it ends between requests with its cursor saved.
enum MirrorSignals {
    static func stop(_ mirror: Neo4jMirror, onSignal signals: [Int32]) {
        for sig in signals { signal(sig) { _ in mirrorSignalled.store(true, ordering: .relaxed) } }
        Thread.detachNewThread {
            while !mirrorSignalled.load(ordering: .relaxed) { usleep(100_000) }
            mirror.stop()
        }
    }
}
