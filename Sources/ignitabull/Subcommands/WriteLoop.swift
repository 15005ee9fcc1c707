import ArgumentParser
import Engine
import Foundation
import GraphStore

extension Ignitabull {
    /// Applies a stream of small durable write transactions and acknowledges each one on
    /// standard output. The crash tests run it as a child process and kill it with SIGKILL at
    /// random moments; it also measures single-transaction durable write throughput.
    struct WriteLoop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-loop",
            abstract: "Apply small durable write transactions and print `ack <n>` after each (crash and throughput tests).",
            shouldDisplay: false)

        @OptionGroup var storage: StorageOptions

        @Option(help: "Transactions to apply (0 for no limit).")
        var count = 0

        @Flag(help: "Write indexed items while creating and dropping vector and range indexes, until killed.")
        var schema = false

        @Option(help: "With --schema, items written in bulk first when the directory has none.")
        var seedItems = 0

        @Option(help: "Check the data directory against the output of killed `--schema` runs in this file, and exit.")
        var verify: String?

        func run() async throws {
            if let verify {
                let log = try String(contentsOfFile: verify, encoding: .utf8)
                let (figures, report) = try SchemaLoopVerifier(log: log).verify(try storage.open(quiet: true))
                Output.write(1, report + "\n")
                if figures.losses > 0 { throw ExitCode.failure }
                return
            }
            let db = try storage.open(creating: true)
            if schema { try SchemaWriteLoop.run(db, seedItems: seedItems) }
            // Each transaction: one (:Write {n}) node, a (:Hub)-[:HAS]->(w) relationship, and hub.count = n.
            // A state where these disagree would be a half-applied transaction.
            let hub = try db.graph.write { txn -> NodeID in
                if let h = txn.snapshot.catalog.label("Hub").flatMap({ txn.snapshot.nodes(label: $0).first }) { return h }
                return try txn.createNode(labels: ["Hub"], properties: ["count": 0])
            }
            var n = Int(db.graph.snapshot.property(hub, "count")?.intValue ?? 0)
            let clock = ContinuousClock()
            let start = clock.now
            var done = 0
            while count == 0 || done < count {
                n += 1
                let value = n
                try db.graph.write { txn in
                    let w = try txn.createNode(labels: ["Write"], properties: ["n": .int(Int64(value))])
                    try txn.createRelationship(from: hub, to: w, type: "HAS")
                    try txn.setProperty(hub, "count", .int(Int64(value)))
                }
                Output.write(1, "ack \(value)\n")
                done += 1
            }
            let seconds = (clock.now - start).seconds
            Output.write(2, "\(done) durable transactions in \(Report.seconds(seconds)): \(Int(Double(done) / max(seconds, 1e-9))) per second\n")
        }
    }
}

/// Unbuffered writes to a file descriptor, so an acknowledgement is out before the next write starts.
enum Output {
    static func write(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
