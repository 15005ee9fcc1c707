import Access
import Foundation
import Testing

@Suite struct PasswordHashTests {
    @Test func hashesAreSaltedSlowAndVerify() {
        let a = PasswordHash.make("correct horse", iterations: 2_000)
        let b = PasswordHash.make("correct horse", iterations: 2_000)
        #expect(a != b, "each hash has its own salt")
        #expect(a.hasPrefix("pbkdf2-sha256$2000$"))
        #expect(!a.contains("correct horse"))
        #expect(PasswordHash.verify("correct horse", against: a))
        #expect(PasswordHash.verify("correct horse", against: b))
        #expect(!PasswordHash.verify("correct horsE", against: a))
        #expect(!PasswordHash.verify("", against: a))
        #expect(!PasswordHash.verify("correct horse", against: "sha256$abc"))
        #expect(!PasswordHash.verify("correct horse", against: "pbkdf2-sha256$0$AA==$AA=="))
        #expect(PasswordHash.defaultIterations >= 600_000)
    }

    /// RFC 7914's PBKDF2-HMAC-SHA256 test vector (P="passwd", S="salt", c=1, 64 bytes): the door reaches
    /// the real libcrypto.
    @Test func matchesThePublishedTestVector() throws {
        let salt = Data("salt".utf8).base64EncodedString()
        let expected = Data(
            [0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91, 0xc2, 0x25, 0x44, 0xb6, 0x05,
             0xf9, 0x41, 0x85, 0x21, 0x6d, 0xde, 0x04, 0x65, 0xe6, 0x8b, 0x9d, 0x57, 0xc2, 0x0d, 0xac, 0xbc,
             0x49, 0xca, 0x9c, 0xcc, 0xf1, 0x79, 0xb6, 0x45, 0x99, 0x16, 0x64, 0xb3, 0x9d, 0x77, 0xef, 0x31,
             0x7c, 0x71, 0xb8, 0x45, 0xb1, 0xe3, 0x0b, 0xd5, 0x09, 0x11, 0x20, 0x41, 0xd3, 0xa1, 0x97, 0x83]
        ).base64EncodedString()
        #expect(PasswordHash.verify("passwd", against: "pbkdf2-sha256$1$\(salt)$\(expected)"))
        #expect(!PasswordHash.verify("passwe", against: "pbkdf2-sha256$1$\(salt)$\(expected)"))
    }

    @Test func randomSecretsDiffer() {
        let s = Set((0..<100).map { _ in PasswordHash.randomSecret(bytes: 16) })
        #expect(s.count == 100)
        #expect(s.allSatisfy { $0.count == 22 && !$0.contains("+") && !$0.contains("/") })
    }
}
