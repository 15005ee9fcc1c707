import CCrypto

/// The one door to the system libcrypto: PBKDF2-HMAC-SHA256, random bytes, SHA-256 and a constant-time
/// comparison. Nothing else in the package imports CCrypto.
enum Crypto {
    /// PBKDF2-HMAC-SHA256 of `password` with `salt`, `iterations` rounds, `length` bytes out.
    static func pbkdf2(_ password: String, salt: [UInt8], iterations: Int, length: Int = 32) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let password = Array(password.utf8)
        let ok = password.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { pw in
                salt.withUnsafeBufferPointer { s in
                    out.withUnsafeMutableBufferPointer { o in
                        ignitabull_pbkdf2_sha256(
                            pw.baseAddress, Int32(pw.count), s.baseAddress, Int32(s.count), Int32(iterations),
                            o.baseAddress, Int32(length))
                    }
                }
            }
        }
        precondition(ok == 1, "PKCS5_PBKDF2_HMAC failed")
        return out
    }

    /// `count` bytes from the system's CSPRNG.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let ok = out.withUnsafeMutableBufferPointer { ignitabull_random_bytes($0.baseAddress, Int32(count)) }
        precondition(ok == 1, "RAND_bytes failed")
        return out
    }

    /// SHA-256 of `bytes` (for cache keys, never for passwords).
    static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let input = Array(bytes)
        input.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in ignitabull_sha256(i.baseAddress, i.count, o.baseAddress) }
        }
        return out
    }

    /// Whether `a` and `b` are equal, in time independent of where they differ.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in ignitabull_equal(x.baseAddress, y.baseAddress, a.count) == 1 } }
    }
}
