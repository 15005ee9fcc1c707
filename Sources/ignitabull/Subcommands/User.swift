import Access
import ArgumentParser
import Engine
import Foundation

extension Ignitabull {
    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the server's users (the same as CREATE USER, ALTER USER, DROP USER, GRANT ROLE in the system database).",
            discussion: "Roles: reader, editor, publisher, architect, admin. A running server sees changes within a second.",
            subcommands: [Create.self, List.self, Drop.self, Password.self, Grant.self, Revoke.self])

        /// A password from `--password-file` (its first line), else a random one printed once.
        static func password(file: String?) throws -> (String, generated: Bool) {
            guard let file else { return (PasswordHash.randomSecret(bytes: 18), true) }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CLIError("\(file): cannot read the password file") }
            return (String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""), false)
        }

        static func roles(_ names: [String]) throws -> [Role] {
            do { return try names.map { n throws(AccessError) in try Role.named(n) } } catch { throw error.cli }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a user; without --password-file a random password is printed once.")
            @Argument(help: "The user name.") var name: String
            @Option(help: "A role to grant (repeat for more): reader, editor, publisher, architect, admin.") var role: [String] = []
            @Option(help: "A file whose first line is the password.") var passwordFile: String?
            @OptionGroup var access: AccessOptions

            func run() async throws {
                let control = try access.open()
                let roles = try User.roles(role)
                let (password, generated) = try User.password(file: passwordFile)
                do { try control.store.createUser(name, password: password, roles: roles) } catch { throw error.cli }
                control.audit.record("admin_command", user: "(cli)", source: "cli", "CREATE USER \(name) roles \(roles.map(\.rawValue))")
                print("created user \(name) with roles [\(roles.map(\.rawValue).joined(separator: ", "))]")
                if generated { print("password (shown once): \(password)") }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List users and their roles.")
            @OptionGroup var access: AccessOptions

            func run() async throws {
                for u in try access.open().store.users {
                    let scoped = (u.databaseRoles ?? [:]).sorted { $0.key < $1.key }.flatMap { db, roles in roles.map { "\($0.rawValue)@\(db)" } }
                    let roles = (u.roles.map(\.rawValue) + scoped).joined(separator: ",")
                    print("\(u.name)\t\(roles)\(u.suspended ? "\tsuspended" : "")")
                }
            }
        }

        struct Drop: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a user.")
            @Argument(help: "The user name.") var name: String
            @OptionGroup var access: AccessOptions

            func run() async throws {
                let control = try access.open()
                do { try control.store.dropUser(name) } catch { throw error.cli }
                control.audit.record("admin_command", user: "(cli)", source: "cli", "DROP USER \(name)")
                print("dropped user \(name)")
            }
        }

        struct Password: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Set a user's password; without --password-file a random one is printed once.")
            @Argument(help: "The user name.") var name: String
            @Option(help: "A file whose first line is the password.") var passwordFile: String?
            @OptionGroup var access: AccessOptions

            func run() async throws {
                let control = try access.open()
                let (password, generated) = try User.password(file: passwordFile)
                do { try control.store.alterUser(name, password: password) } catch { throw error.cli }
                control.audit.record("admin_command", user: "(cli)", source: "cli", "ALTER USER \(name) SET PASSWORD")
                print("changed the password of \(name)")
                if generated { print("password (shown once): \(password)") }
            }
        }

        /// Grants (`grant`) or revokes `roles` of `name`, on every database or only on `database`, audited.
        static func changeRoles(_ name: String, _ roles: [String], grant: Bool, database: String?, _ access: AccessOptions) throws {
            let on: String?
            do { on = try database.map { try DatabaseName($0).rawValue } } catch { throw ValidationError("--database: \(error)") }
            let control = try access.open()
            do { try control.store.setRoles(try User.roles(roles), users: [name], grant: grant, database: on) } catch let e as AccessError {
                throw e.cli
            }
            let scope = on.map { " ON DATABASE \($0)" } ?? ""
            let text = grant
                ? "GRANT ROLE \(roles.joined(separator: ", "))\(scope) TO \(name)" : "REVOKE ROLE \(roles.joined(separator: ", "))\(scope) FROM \(name)"
            control.audit.record("admin_command", user: "(cli)", source: "cli", text)
            print(text)
        }

        struct Grant: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Grant roles to a user.")
            @Argument(help: "The user name.") var name: String
            @Argument(help: "Roles.") var roles: [String]
            @Option(help: "Grant them on this database only (default: on every database).") var database: String?
            @OptionGroup var access: AccessOptions

            func run() async throws { try User.changeRoles(name, roles, grant: true, database: database, access) }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke roles from a user.")
            @Argument(help: "The user name.") var name: String
            @Argument(help: "Roles.") var roles: [String]
            @Option(help: "Revoke the roles granted on this database (default: those on every database).") var database: String?
            @OptionGroup var access: AccessOptions

            func run() async throws { try User.changeRoles(name, roles, grant: false, database: database, access) }
        }
    }
}
