/// A small, fast, deterministic pseudo-random generator (SplitMix64), so that a seed always
/// produces the same synthetic graph on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// A uniform integer in `0 ..< n` (multiply-shift: no division; bias below 2^-32 for n < 2^32).
    @inlinable public mutating func below(_ n: Int) -> Int { Int(next().multipliedFullWidth(by: UInt64(n)).high) }

    /// A uniform double in `[0, 1)`.
    @inlinable public mutating func unit() -> Double { Double(next() &>> 11) * 0x1.0p-53 }
}
