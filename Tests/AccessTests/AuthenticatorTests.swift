import Access
import Foundation
import Testing

@Suite struct AuthenticatorTests {
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test func verifiedCredentialsAreCachedUntilTheStoreChanges() throws {
        let store = AccessStore(iterations: 1_000)
        try store.createUser("alice", password: "alice-password", roles: [.reader])
        let auth = Authenticator(store: store, audit: try AuditLog())
        let header = Self.basic("alice", "alice-password")
        #expect(auth.cached(authorization: header) == nil)
        let p = try auth.authenticate(authorization: header, source: "a")
        #expect(p == Principal(name: "alice", roles: [.reader]))
        #expect(auth.cached(authorization: header) == p, "the second request needs no hash")
        #expect(auth.cached(authorization: Self.basic("alice", "alice-passwordX")) == nil)
        try store.alterUser("alice", password: "changed-password")
        #expect(auth.cached(authorization: header) == nil, "a change to the store drops cached credentials")
        #expect(throws: AccessError.self) { try auth.authenticate(authorization: header, source: "a") }
    }

    @Test func keysAreShownOnceStoredHashedAndBoundToOneDatabase() throws {
        let store = AccessStore(iterations: 1_000)
        let (key, token) = try store.createKey(database: "shop", role: .reader)
        // The token is `ign_<id>_<secret>`; the secret may itself hold `_`, so split at the first two only.
        let secret = String(token.split(separator: "_", maxSplits: 2).last!)
        #expect(secret.count >= 40 && !key.secretHash.contains(secret))
        let auth = Authenticator(store: store, audit: try AuditLog())
        let p = try auth.authenticate(authorization: "Bearer \(token)", source: "a")
        #expect(p.database == "shop" && p.roles == [.reader])
        #expect(p.canSee(database: "shop") && !p.canSee(database: "neo4j"))
        #expect(throws: AccessError.self) { try auth.authenticate(authorization: "Bearer \(token)x", source: "b") }
        try store.dropKey(key.id)
        #expect(throws: AccessError.self) { try auth.authenticate(authorization: "Bearer \(token)", source: "c") }
    }

    @Test func missingAndMalformedHeadersAreUnauthorized() throws {
        let auth = Authenticator(store: AccessStore(iterations: 1_000), audit: try AuditLog())
        for header in [nil, "", "Basic", "Basic !!!", "Digest abc", "Basic " + Data("nocolon".utf8).base64EncodedString()] {
            do {
                _ = try auth.authenticate(authorization: header, source: "x")
                Issue.record("accepted \(header ?? "nil")")
            } catch {
                #expect(error.code == .unauthorized)
                #expect(error.neo4jCode == "Neo.ClientError.Security.Unauthorized")
            }
        }
    }

    /// 1,000 wrong passwords from one client are throttled (after 5, refused without hashing, 429) and each
    /// is logged, while another client's right password keeps working throughout.
    @Test func bruteForceIsSlowedAndLoggedWhileOthersLogIn() async throws {
        let store = AccessStore(iterations: 20_000)
        try store.createUser("admin", password: "the-right-password", roles: [.admin])
        let audit = try AuditLog()
        // The lock outlasts the attack even on a loaded machine (with 2 s, a slow run let a seventh guess through).
        let auth = Authenticator(store: store, throttle: LoginThrottle(freeFailures: 5, baseLock: .seconds(60)), audit: audit)
        let attacker = Task.detached { () -> (Int, Int) in
            var (wrong, limited) = (0, 0)
            for i in 0..<1_000 {
                do throws(AccessError) {
                    _ = try auth.authenticate(authorization: Self.basic("admin", "guess-\(i)"), source: "10.0.0.66")
                } catch {
                    if error.code == .rateLimited { limited += 1 } else { wrong += 1 }
                }
            }
            return (wrong, limited)
        }
        var ok = 0
        for _ in 0..<20 {
            if (try? auth.authenticate(authorization: Self.basic("admin", "the-right-password"), source: "10.0.0.7")) != nil { ok += 1 }
        }
        let (wrong, limited) = await attacker.value
        #expect(ok == 20, "the right password works for another client meanwhile")
        #expect(wrong + limited == 1_000)
        #expect(wrong <= 6, "only the first few guesses were checked; \(wrong) were")
        #expect(limited >= 994)
        let failures = audit.recent.filter { $0.event == "auth_failure" && $0.source == "10.0.0.66" }
        #expect(failures.count == 1_000)
        #expect(failures.allSatisfy { $0.user == "admin" })
        // The attacking source stays locked for new guesses.
        do {
            _ = try auth.authenticate(authorization: Self.basic("admin", "not-cached-\(UUID())"), source: "10.0.0.66")
            Issue.record("a locked source was let through")
        } catch {
            #expect(error.code == .rateLimited && (error.retryAfter ?? 0) >= 1)
        }
    }

    @Test func theStoreIsDurableAndSeesOtherProcessesChanges() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("access-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try AccessStore(directory: dir, iterations: 1_000)
        try a.createUser("alice", password: "alice-password", roles: [.editor])
        let b = try AccessStore(directory: dir, iterations: 1_000)
        #expect(b.verify(user: "alice", password: "alice-password")?.roles == [.editor])
        try b.createUser("bob", password: "bob-password")
        #expect(a.user("bob") == nil)
        #expect(try a.refresh())
        #expect(a.user("bob") != nil)
        let attributes = try FileManager.default.attributesOfItem(atPath: dir)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        // The stored bytes (main file and write-ahead log) hold the hash, never the password.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("system.sqlite") }
        let raw = try files.map { try String(contentsOfFile: dir + "/" + $0, encoding: .isoLatin1) }.joined()
        #expect(raw.contains("pbkdf2-sha256$1000$"))
        #expect(!raw.contains("alice-password"))
    }

    @Test func rolesNest() {
        #expect(Role.reader.allows(.read) && !Role.reader.allows(.write))
        #expect(Role.editor.allows(.write) && !Role.editor.allows(.schema))
        #expect(Role.publisher.allows(.write) && !Role.publisher.allows(.admin))
        #expect(Role.architect.allows(.schema) && !Role.architect.allows(.admin))
        #expect(Role.admin.allows(.admin))
    }
}
