import Access
import BoltServer
import Engine
import Foundation
import QueryServer

extension Ignitabull.Serve {
    /// Whether `host` is a loopback address (the only kind `--no-auth` may listen on).
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The access control of this run: nil with `--no-auth`; else the users in `--auth-dir` (default
    /// DATA/system; in memory with `--in-memory` and no `--auth-dir`). On the first start an `admin` user
    /// gets a random password, printed once and written to `admin-password` there (mode 0600).
    func accessControl() throws -> (AccessControl?, passwordFile: String?) {
        if noAuth { return (nil, nil) }
        let directory = authDir ?? (storage.inMemory ? nil : storage.directory + "/system")
        let control: AccessControl
        do throws(AccessError) {
            if let directory {
                control = try AccessControl(directory: directory)
            } else {
                control = AccessControl(store: AccessStore(), audit: try AuditLog())
            }
        } catch {
            throw CLIError(error.message)
        }
        let file = directory.map { $0 + "/admin-password" }
        let password: String?
        do { password = try control.bootstrapAdmin(passwordFile: file) } catch { throw CLIError(error.message) }
        if let password {
            Output.write(
                1,
                "created user admin with password \(password)" + (file.map { " (also in \($0), readable only by you)" } ?? "")
                    + "; shown once. Add users with `ignitabull user create` or CREATE USER in the system database.\n")
        }
        return (control, file)
    }
}

extension Ignitabull.Serve {
    /// Bolt's HELLO/LOGON against the same users and keys as HTTP, and each RUN through the same statement check.
    static func boltAuthentication(_ access: AccessControl, database: Database) -> BoltAuthentication {
        BoltAuthentication { scheme, user, credentials, source throws(BoltError) in
            let presented: Authenticator.Credentials
            switch scheme.lowercased() {
            case "basic": presented = .basic(user: user, password: credentials)
            case "bearer": presented = .bearer(credentials)
            default: throw BoltError("Neo.ClientError.Security.Unauthorized", "Unsupported authentication scheme '\(scheme)': use basic or bearer.")
            }
            let principal: Principal
            do throws(AccessError) { principal = try access.authenticator.authenticate(presented, source: source) } catch {
                throw BoltError(error.neo4jCode, error.message)
            }
            guard principal.canSee(database: QueryServer.defaultDatabase) else {
                throw BoltError("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: '\(QueryServer.defaultDatabase)'.")
            }
            return { query, parameters throws(BoltError) in
                do throws(AccessError) {
                    try QueryServer.authorise(query, parameters: parameters, principal: principal, source: source, database: database, access: access)
                } catch {
                    throw BoltError(error.neo4jCode, error.message)
                }
            }
        }
    }
}
