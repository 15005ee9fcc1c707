import ArgumentParser
import Engine
import GraphStore
import Persistence

extension Ignitabull {
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a data directory's database with SQLite's online backup API.",
            discussion: "The copy is consistent even while another thread of the engine keeps writing.")

        @Argument(help: "The directory to write the backup into (created if missing; must not hold a backup).")
        var destination: String

        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let db = try storage.open()
            guard let store = db.storage else { throw CLIError("--in-memory has nothing to back up") }
            do {
                try store.backup(to: destination)
            } catch {
                throw CLIError(error.description)
            }
            print("backed up \(storage.directory) to \(destination)/graph.sqlite")
        }
    }
}
