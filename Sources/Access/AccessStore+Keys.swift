import Foundation
import Synchronization

/// API keys: one database, one role; the token is shown once and only its slow hash is kept.
extension AccessStore {
    public var keys: [APIKey] { state.withLock { $0.keys.values.sorted { $0.id < $1.id } } }

    /// Creates a key for `database` with `role`; returns the stored key and the token (`ign_<id>_<secret>`),
    /// which is not kept anywhere.
    public func createKey(
        database: String, role: Role, label: String = "", limits: KeyLimits? = nil
    ) throws(AccessError) -> (key: APIKey, token: String) {
        guard !database.isEmpty, database.utf8.count <= 63 else { throw AccessError(.invalidArgument, "A key needs a database name.") }
        let id = Crypto.randomBytes(6).map { String(format: "%02x", $0) }.joined()
        let secret = PasswordHash.randomSecret(bytes: 32)
        let key = APIKey(
            id: id, secretHash: PasswordHash.make(secret, iterations: iterations), database: database, role: role, label: label,
            created: Date().timeIntervalSince1970, limits: limits)
        try update { s throws(AccessError) in
            try Self.persist(&s, kind: "key", name: id, key)
            s.keys[id] = key
        }
        return (key, "ign_\(id)_\(secret)")
    }

    /// Removes a key.
    public func dropKey(_ id: String) throws(AccessError) {
        try update { s throws(AccessError) in
            guard s.keys[id] != nil else { throw AccessError(.invalidArgument, "API key '\(id)' does not exist.") }
            try Self.persist(&s, kind: "key", name: id, APIKey?.none)
            s.keys[id] = nil
        }
    }

    /// The key a token proves, else nil. Slow by design: one PBKDF2 when the id exists.
    public func verify(token: String) -> APIKey? {
        guard let parsed = APIKey.parse(token), let key = state.withLock({ $0.keys[parsed.id] }) else { return nil }
        return PasswordHash.verify(parsed.secret, against: key.secretHash) ? key : nil
    }
}
