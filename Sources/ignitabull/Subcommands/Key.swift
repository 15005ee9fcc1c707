import Access
import ArgumentParser
import Foundation

extension Ignitabull {
    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage API keys (Authorization: Bearer KEY): one database, one role each.",
            subcommands: [Create.self, List.self, Drop.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a key; the key is printed once and only its hash is kept.")
            @Option(help: "The database the key is for.") var database = "neo4j"
            @Option(help: "The key's role: reader, editor, publisher, architect or admin.") var role = "reader"
            @Option(help: "A note saying what the key is for.") var label = ""
            @Option(help: "The most requests per second (over it: 429 with Retry-After); default unlimited.") var requestsPerSecond: Int?
            @Option(help: "The most requests in flight at once (over it: 429); default unlimited.") var maxConcurrent: Int?
            @OptionGroup var access: AccessOptions

            func run() async throws {
                let control = try access.open()
                let created: (key: APIKey, token: String)
                do { created = try control.store.createKey(
                    database: database, role: try Role.named(role), label: label,
                    limits: requestsPerSecond == nil && maxConcurrent == nil
                        ? nil : KeyLimits(requestsPerSecond: requestsPerSecond, maxConcurrent: maxConcurrent)) } catch { throw error.cli }
                control.audit.record("key_created", user: "(cli)", source: "cli", "key \(created.key.id) for \(database) as \(role)")
                print("created key \(created.key.id) for database \(database) with role \(role); the key (shown once):")
                print(created.token)
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List keys (ids, databases, roles; never the keys).")
            @OptionGroup var access: AccessOptions

            func run() async throws {
                for k in try access.open().store.keys { print("\(k.id)\t\(k.database)\t\(k.role.rawValue)\t\(k.label)") }
            }
        }

        struct Drop: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")
            @Argument(help: "The key id (the part after ign_).") var id: String
            @OptionGroup var access: AccessOptions

            func run() async throws {
                let control = try access.open()
                do { try control.store.dropKey(id) } catch { throw error.cli }
                control.audit.record("key_dropped", user: "(cli)", source: "cli", "key \(id)")
                print("dropped key \(id)")
            }
        }
    }
}
