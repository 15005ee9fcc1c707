import ArgumentParser
import Engine

extension Ignitabull {
    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save the vector indexes and compact the mutation log past every reader.",
            discussion: """
                The log is kept from the lowest of: each vector index file's sequence, each mirror's acknowledged \
                cursor (`mirror status`). `serve` does the same in the background (--checkpoint-interval) and when it stops.
                """)

        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let db = try storage.open(quiet: true)
            guard db.storage != nil else { throw CLIError("--in-memory has no log to compact") }
            let r = try db.checkpoint()
            print(
                "checkpoint: \(r.indexesSaved) vector index(es) saved; \(Report.number(r.logEntriesRemoved)) log entries removed; "
                    + r.logDescription)
        }
    }
}
