import Foundation
import Synchronization

/// Checks credentials: HTTP `Authorization` headers (Basic user:password, Bearer API key) and Bolt's
/// `basic` / `bearer` schemes, against one `AccessStore`. Verified credentials are cached (keyed by a
/// SHA-256 of what the client sent, valid while the store is unchanged), so a password is hashed once,
/// not per request. Failures are throttled per source (`LoginThrottle`) and written to the `AuditLog`.
public final class Authenticator: Sendable {
    public let store: AccessStore
    public let throttle: LoginThrottle
    public let audit: AuditLog
    private let cache = Mutex<(generation: Int, entries: [[UInt8]: Principal])>((0, [:]))
    private let lastRefresh = Mutex<ContinuousClock.Instant?>(nil)
    private let cacheCapacity = 10_000

    public init(store: AccessStore, throttle: LoginThrottle = LoginThrottle(), audit: AuditLog) {
        self.store = store
        self.throttle = throttle
        self.audit = audit
    }

    /// What a client presented.
    public enum Credentials: Sendable {
        case basic(user: String, password: String)
        case bearer(String)

        /// Parses an HTTP `Authorization` header; nil when it is neither Basic nor Bearer or is malformed.
        public init?(authorization header: String) {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch parts[0].lowercased() {
            case "basic":
                guard let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8),
                    let colon = text.firstIndex(of: ":")
                else { return nil }
                self = .basic(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
            case "bearer": self = .bearer(value)
            default: return nil
            }
        }

        var cacheKey: [UInt8] {
            switch self {
            case .basic(let u, let p): Crypto.sha256(Array("basic\u{0}\(u)\u{0}\(p)".utf8))
            case .bearer(let t): Crypto.sha256(Array("bearer\u{0}\(t)".utf8))
            }
        }

        var claimedName: String {
            switch self {
            case .basic(let u, _): u
            case .bearer(let t): APIKey.parse(t).map { "key:\($0.id)" } ?? "(bearer)"
            }
        }
    }

    /// The principal of an HTTP `Authorization` header from `source`.
    /// - Throws: `unauthorized` (missing, malformed or wrong), `rateLimited` (too many failures from `source`).
    public func authenticate(authorization: String?, source: String) throws(AccessError) -> Principal {
        guard let authorization else { throw AccessError.missingCredentials }
        guard let credentials = Credentials(authorization: authorization) else {
            audit.record("auth_failure", user: "(unknown)", source: source, "malformed Authorization header")
            throw AccessError(.unauthorized, "Invalid authentication header: use Basic (user:password) or Bearer (an API key).")
        }
        let generation = store.generation
        let principal = try authenticate(credentials, source: source)
        remember(principal, key: Self.headerKey(authorization), generation: generation)
        return principal
    }

    /// The cache key of a whole `Authorization` header as sent: a hit needs no parsing (no base64, no
    /// trimming), only one SHA-256 of the header.
    static func headerKey(_ header: String) -> [UInt8] { Crypto.sha256(Array("header\u{0}\(header)".utf8)) }

    private func remember(_ principal: Principal, key: [UInt8], generation: Int) {
        cache.withLock { c in
            if c.generation != generation || c.entries.count >= cacheCapacity { c = (generation, [:]) }
            c.entries[key] = principal
        }
    }

    /// The principal of an `Authorization` header already verified (and still valid), without hashing
    /// anything: the fast path, cheap enough for the request's own thread. Nil means "call `authenticate`".
    public func cached(authorization: String?) -> Principal? {
        guard let authorization else { return nil }
        refreshIfDue()
        let key = Self.headerKey(authorization)
        let generation = store.generation
        return cache.withLock { c in c.generation == generation ? c.entries[key] : nil }
    }

    /// The principal of `credentials` from `source` (see `authenticate(authorization:source:)`).
    public func authenticate(_ credentials: Credentials, source: String) throws(AccessError) -> Principal {
        refreshIfDue()
        let key = credentials.cacheKey
        let generation = store.generation
        if let hit = cache.withLock({ c in c.generation == generation ? c.entries[key] : nil }) { return hit }
        if let wait = throttle.wait(source) {
            audit.record("auth_failure", user: credentials.claimedName, source: source, "rate limited")
            throw AccessError(
                .rateLimited, "Too many failed authentication attempts from this client; wait \(wait) s and try again.",
                retryAfter: wait)
        }
        let principal: Principal?
        switch credentials {
        case .basic(let user, let password):
            principal = store.verify(user: user, password: password).map {
                Principal(name: $0.name, roles: Set($0.roles), databaseRoles: ($0.databaseRoles ?? [:]).mapValues { Set($0) })
            }
        case .bearer(let token):
            principal = store.verify(token: token).map { Principal(name: "key:\($0.id)", roles: [$0.role], database: $0.database, limits: $0.limits) }
        }
        guard let principal else {
            throttle.failed(source)
            audit.record("auth_failure", user: credentials.claimedName, source: source, "wrong credentials")
            throw AccessError.badCredentials
        }
        throttle.succeeded(source)
        remember(principal, key: key, generation: generation)
        return principal
    }

    /// Reads changes other processes made to the store, at most once a second.
    private func refreshIfDue() {
        guard store.path != nil else { return }
        let now = ContinuousClock.now
        let due = lastRefresh.withLock { last -> Bool in
            if let l = last, l.duration(to: now) < .seconds(1) { return false }
            last = now
            return true
        }
        if due { _ = try? store.refresh() }
    }
}
