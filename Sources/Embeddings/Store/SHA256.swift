import CHash

/// SHA-256 (FIPS 180-4), to check downloaded model files without a crypto library or Python.
/// The compression function is C (`CHash`), so hashing the 90 MB weights stays fast in debug builds.
package struct SHA256 {
    package init() {}

    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// The digest of `bytes` as 64 lower-case hex digits.
    package static func hex(_ bytes: some Collection<UInt8>) -> String {
        var s = SHA256()
        s.update(bytes)
        return s.finishHex()
    }

    package mutating func update(_ bytes: some Collection<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            offset = take
            guard pending.count == 64 else { return }
            compress(pending)
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            let start = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset
            state.withUnsafeMutableBufferPointer { ign_sha256_blocks($0.baseAddress!, start, blocks) }
            offset += blocks * 64
        }
        pending += bytes[offset...]
    }

    /// The digest; the hash cannot be updated afterwards.
    package mutating func finish() -> [UInt8] {
        let bits = length &* 8
        var tail = pending + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
        compress(tail)
        pending.removeAll()
        return state.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (24 - 8 * UInt32($0))) } }
    }

    package mutating func finishHex() -> String {
        finish().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    private mutating func compress(_ whole: [UInt8]) {
        whole.withUnsafeBufferPointer { b in
            state.withUnsafeMutableBufferPointer { ign_sha256_blocks($0.baseAddress!, b.baseAddress!, b.count / 64) }
        }
    }
}
