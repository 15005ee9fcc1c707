import Access
import CypherRuntime
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
    /// Bolt's HELLO/LOGON against the same users and keys as HTTP; each RUN through the same statement check on
    /// the database it names (one the principal may not see is `DatabaseNotFound`), and the `system` database's
    /// commands as that principal.
    static func boltAuthentication(_ access: AccessControl, databases: Databases) -> BoltAuthentication {
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
            let check: BoltAuthentication.StatementCheck = { name, query, parameters throws(BoltError) in
                guard principal.canSee(database: name), let database = databases.database(named: name) else {
                    throw BoltError("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist. Database name: '\(name)'.")
                }
                do throws(AccessError) {
                    try QueryServer.authorise(
                        query, parameters: parameters, principal: principal, source: source, database: database, name: name,
                        access: access)
                } catch {
                    throw BoltError(error.neo4jCode, error.message)
                }
            }
            return BoltAuthentication.Login(check: check, system: boltSystem(access, databases, principal: principal, source: source))
        }
    }

    /// The `system` database over Bolt: the same commands as `/db/system/…`, as `principal` (nil: no access control).
    static func boltSystem(_ access: AccessControl?, _ databases: Databases, principal: Principal?, source: String) -> BoltSystemDatabase.Run {
        { query, parameters throws(BoltError) in
            let secrets = parameters.compactMapValues { v -> String? in if case .string(let s) = v { s } else { nil } }
            let result: AdminResult
            do throws(AccessError) {
                result = try QueryServer.runSystemCommand(
                    query, parameters: secrets, principal: principal, source: source, access: access, databases: databases)
            } catch {
                throw BoltError(error.neo4jCode, error.message)
            }
            func value(_ v: AdminResult.Value) -> Value {
                switch v {
                case .string(let s): .string(s)
                case .bool(let b): .bool(b)
                case .strings(let l): .list(l.map(Value.string))
                case .null: .null
                }
            }
            return (result.columns, result.rows.map { $0.map(value) })
        }
    }
}
