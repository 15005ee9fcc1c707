import Foundation

/// A slow salted password hash: PBKDF2-HMAC-SHA256 with a 16-byte random salt, stored as
/// `pbkdf2-sha256$ITERATIONS$SALT$HASH` (base64). The iteration count travels with the hash, so a later
/// default does not invalidate stored ones.
public enum PasswordHash {
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 600_000

    /// A new hash of `password`.
    public static func make(_ password: String, iterations: Int = defaultIterations) -> String {
        let salt = Crypto.randomBytes(16)
        let hash = Crypto.pbkdf2(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Whether `password` matches `stored` (false for a malformed stored value).
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), iterations >= 1,
            let salt = Data(base64Encoded: String(parts[2])), let hash = Data(base64Encoded: String(parts[3]))
        else { return false }
        return Crypto.equal(Crypto.pbkdf2(password, salt: Array(salt), iterations: iterations, length: hash.count), Array(hash))
    }

    /// A random secret of `bytes` bytes in base64url without padding (passwords, API key secrets).
    public static func randomSecret(bytes: Int = 24) -> String {
        Data(Crypto.randomBytes(bytes)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
