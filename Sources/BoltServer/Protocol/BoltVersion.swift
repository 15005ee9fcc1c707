/// A Bolt protocol version, and the handshake that picks one.
public struct BoltVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: UInt8
    public var minor: UInt8

    public init(_ major: UInt8, _ minor: UInt8) {
        self.major = major
        self.minor = minor
    }

    public static func < (a: BoltVersion, b: BoltVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    public var description: String { "\(major).\(minor)" }

    /// The versions this server speaks: 5.0 to 5.8 and 4.4. (From 5.7, FAILURE carries a GQL status object;
    /// 5.8 adds nothing a server must send.)
    public static let supported: [BoltVersion] = (0...8).reversed().map { BoltVersion(5, $0) } + [BoltVersion(4, 4)]

    public static let magic: [UInt8] = [0x60, 0x60, 0xB0, 0x17]

    /// Whether this version has LOGON/LOGOFF (auth out of HELLO).
    var hasLogon: Bool { self >= BoltVersion(5, 1) }
    /// Whether nodes and relationships carry element ids and date-times use the UTC (`I`/`i`) form by default.
    var hasElementIDs: Bool { major >= 5 }

    /// The version picked from a 20-byte handshake (magic + four proposals), or nil when none is supported.
    ///
    /// Each proposal is four bytes `[0, range, minor, major]`: the versions `major.minor` down to
    /// `major.(minor - range)`. Proposals are tried in the client's order; the first supported version wins.
    /// - Throws: `BoltError.protocolViolation` when the magic is wrong or the handshake is short.
    public static func negotiate(_ handshake: [UInt8]) throws(BoltError) -> BoltVersion? {
        guard handshake.count >= 20 else { throw BoltError.protocolViolation("the handshake is \(handshake.count) bytes, not 20") }
        guard Array(handshake[0 ..< 4]) == magic else { throw BoltError.protocolViolation("not a Bolt handshake (bad magic)") }
        for p in 0 ..< 4 {
            let base = 4 + p * 4
            let range = handshake[base + 1]
            let minor = handshake[base + 2]
            let major = handshake[base + 3]
            if major == 0 { continue }
            let lowest = minor >= range ? minor - range : 0
            for m in stride(from: Int(minor), through: Int(lowest), by: -1) {
                let v = BoltVersion(major, UInt8(m))
                if supported.contains(v) { return v }
            }
        }
        return nil
    }

    /// The four bytes answering the handshake (all zero: no common version).
    public static func response(_ version: BoltVersion?) -> [UInt8] {
        guard let version else { return [0, 0, 0, 0] }
        return [0, 0, version.minor, version.major]
    }
}
