import ArgumentParser
import Engine
import Foundation
import GraphStore
import Persistence
import QueryServer

extension Ignitabull {
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a data directory's database with SQLite's online backup API.",
            discussion: """
                The copy is consistent even while another thread of the engine keeps writing. When a running \
                `ignitabull serve` holds the data directory, the server takes the backup (POST /db/neo4j/backup, \
                no downtime) and it is then moved to the destination.
                """)

        @Argument(help: "The directory to write the backup into (created if missing; must not hold a backup).")
        var destination: String

        @OptionGroup var storage: StorageOptions
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            if !storage.inMemory, let served = ServedDirectory.find(storage.directory)?.on(database.resolved) {
                return try throughServer(served)
            }
            let db = try storage.open(database: database.resolved)
            guard let store = db.storage else { throw CLIError("--in-memory has nothing to back up") }
            do {
                try store.backup(to: destination)
            } catch {
                throw CLIError(error.description)
            }
            print("backed up \(storage.directory) to \(destination)/graph.sqlite")
        }

        /// The server copies the database into its backup directory; the copy is then moved here.
        func throughServer(_ served: ServedDirectory) throws {
            let target = destination + "/graph.sqlite"
            if FileManager.default.fileExists(atPath: target) {
                throw CLIError("\(target): a backup already exists there; choose an empty directory")
            }
            Output.write(2, "\(storage.directory) is served by \(served.url): the server takes the backup, online\n")
            let (status, answer) = try served.post(served.path("backup"), [:])
            guard status == 200, let path = answer["path"]?.stringValue else {
                throw CLIError("\(served.url): HTTP \(status): \(answer["message"]?.stringValue ?? answer.text)")
            }
            do {
                try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: path + "/graph.sqlite", toPath: target)
                try? FileManager.default.removeItem(atPath: path)
            } catch {
                throw CLIError("the server wrote the backup to \(path); moving it to \(destination) failed: \(error.localizedDescription)")
            }
            print("backed up \(storage.directory) (online, through \(served.url)) to \(target)")
        }
    }
}
