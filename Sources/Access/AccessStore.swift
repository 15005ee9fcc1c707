import Foundation
import Persistence
import Synchronization

/// The users and API keys, in memory and, when opened on a directory, in `system.sqlite` there (through
/// Persistence's `RecordFile`). Every change is durable before it returns. `generation` counts changes, so
/// a cache of verified credentials knows when to drop its entries. Changes made by another process (the
/// `ignitabull user` commands next to a running server) are read back by `refresh()`.
public final class AccessStore: Sendable {
    struct State {
        var users: [String: User] = [:]
        var keys: [String: APIKey] = [:]
        var file: RecordFile?
        var dataVersion: Int64 = 0
    }

    let state: Mutex<State>
    let changes = Atomic<Int>(0)
    /// PBKDF2 rounds for new hashes (tests lower it; stored hashes keep their own).
    public let iterations: Int
    /// The file, or nil in memory.
    public let path: String?

    /// A store in memory only.
    public init(iterations: Int = PasswordHash.defaultIterations) {
        state = Mutex(State())
        self.iterations = iterations
        path = nil
    }

    /// The store in `directory/system.sqlite` (created with the directory when missing).
    public init(directory: String, iterations: Int = PasswordHash.defaultIterations) throws(AccessError) {
        let path = directory + "/system.sqlite"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AccessError(.storage, "\(directory): cannot create the directory: \(error.localizedDescription)")
        }
        let file: RecordFile
        do { file = try RecordFile(path: path) } catch { throw AccessError(.storage, error.description) }
        var s = State()
        s.file = file
        try Self.load(into: &s)
        state = Mutex(s)
        self.iterations = iterations
        self.path = path
    }

    /// Changes so far (any user or key written or removed).
    public var generation: Int { changes.load(ordering: .acquiring) }

    static func load(into s: inout State) throws(AccessError) {
        guard let file = s.file else { return }
        let (version, users, keys): (Int64, [(name: String, value: String)], [(name: String, value: String)])
        do {
            version = try file.dataVersion()
            users = try file.all(kind: "user")
            keys = try file.all(kind: "key")
        } catch {
            throw AccessError(.storage, error.description)
        }
        let decoder = JSONDecoder()
        var loadedUsers: [String: User] = [:]
        for r in users {
            guard let u = try? decoder.decode(User.self, from: Data(r.value.utf8)) else {
                throw AccessError(.storage, "\(file.path): user record '\(r.name)' is damaged")
            }
            loadedUsers[u.name] = u
        }
        var loadedKeys: [String: APIKey] = [:]
        for r in keys {
            guard let k = try? decoder.decode(APIKey.self, from: Data(r.value.utf8)) else {
                throw AccessError(.storage, "\(file.path): key record '\(r.name)' is damaged")
            }
            loadedKeys[k.id] = k
        }
        (s.dataVersion, s.users, s.keys) = (version, loadedUsers, loadedKeys)
    }

    /// Re-reads the file when another process changed it; returns whether it did.
    @discardableResult
    public func refresh() throws(AccessError) -> Bool {
        let changed: Bool = try state.withLock { s throws(AccessError) in
            guard let file = s.file else { return false }
            let v: Int64
            do { v = try file.dataVersion() } catch { throw AccessError(.storage, "\(error)") }
            guard v != s.dataVersion else { return false }
            try Self.load(into: &s)
            return true
        }
        if changed { changes.add(1, ordering: .releasing) }
        return changed
    }

    /// Writes `value` under (`kind`, `name`) in the file (nil value: removes it), inside the caller's lock.
    static func persist<T: Encodable>(_ s: inout State, kind: String, name: String, _ value: T?) throws(AccessError) {
        guard let file = s.file else { return }
        var text: String?
        if let value {
            guard let data = try? JSONEncoder().encode(value) else { throw AccessError(.storage, "cannot encode \(kind) \(name)") }
            text = String(decoding: data, as: UTF8.self)
        }
        do {
            if let text { try file.put(kind: kind, name: name, value: text) } else { try file.delete(kind: kind, name: name) }
            s.dataVersion = try file.dataVersion()
        } catch {
            throw AccessError(.storage, error.description)
        }
    }
}
