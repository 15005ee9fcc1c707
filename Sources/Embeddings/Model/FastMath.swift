/// Branch-free `exp` and `erf` for the encoder's GELU and softmax.
///
/// Written as scalar code with selects instead of branches, so that the loops calling them
/// vectorise in release builds and stay quick in debug builds (explicit SIMD types are slow
/// there). `exp` splits x = k·ln2 + r with |r| ≤ ln2/2, evaluates a degree-6 Taylor polynomial
/// for e^r (relative error below 2e-7) and scales by 2^k through the exponent bits. `erf` is a
/// rational approximation (absolute error below 1e-7 in exact arithmetic, a few ulp in Float).
/// Both are well inside what the embedding tolerance allows; `FastMathTests` checks them
/// against the C library.
package enum FastMath {
    /// e^x; inputs are clamped to [-87, 88] so results stay normal and finite.
    @inline(__always)
    package static func exp(_ x: Float) -> Float {
        let low: Float = -87
        let high: Float = 88
        let clamped = x < low ? low : (x > high ? high : x)
        // Round x·log2(e) to the nearest integer with the 1.5·2²³ trick: the integer lands in the
        // low mantissa bits of `shifted`.
        let magic: Float = 12_582_912
        let shifted = clamped * 1.442_695_04 + magic
        let k = shifted - magic
        let r = clamped - k * 0.693_145_751_953_125 - k * 1.428_606_765_330_187e-6
        var p: Float = 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let kBits = Int32(bitPattern: shifted.bitPattern) &- Int32(bitPattern: magic.bitPattern)
        let scale = Float(bitPattern: UInt32(bitPattern: (kBits &+ 127) &<< 23))
        return p * scale
    }

    /// erf(x), as x·P(x²)/Q(x²) on [-4, 4] (degrees 13/8 in x) and ±1 beyond, where erf differs
    /// from ±1 by less than 2e-8.
    @inline(__always)
    package static func erf(_ x: Float) -> Float {
        let c = x < -4 ? -4 : (x > 4 ? 4 : x)
        let x2 = c * c
        var p: Float = -2.726_142_258_013_06e-10
        p = p * x2 + 2.770_681_424_959_02e-08
        p = p * x2 - 2.101_024_020_825_08e-06
        p = p * x2 - 5.692_506_394_623_46e-05
        p = p * x2 - 7.349_906_303_268_55e-04
        p = p * x2 - 2.954_599_808_540_25e-03
        p = p * x2 - 1.609_603_332_624_15e-02
        p = p * c
        var q: Float = -1.456_607_184_649_96e-05
        q = q * x2 - 2.133_740_552_789_05e-04
        q = q * x2 - 1.682_826_974_382_03e-03
        q = q * x2 - 7.373_329_167_204_68e-03
        q = q * x2 - 1.426_473_905_141_89e-02
        return p / q
    }

    /// Exact-form GELU, `x · (1 + erf(x / √2)) / 2`, in place over `count` values.
    package static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + erf(v * 0.707_106_781_186_547_52))
        }
    }

    /// `x[i] = exp(x[i] - shift)` over `count` values; returns their sum.
    package static func expSubtracting(_ shift: Float, _ x: UnsafeMutablePointer<Float>, count: Int) -> Float {
        for i in 0..<count { x[i] = exp(x[i] - shift) }
        return sum(x, count: count)
    }

    /// The sum of `count` values, with eight partial sums so that it vectorises.
    @inline(__always)
    package static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0
        var i = 0
        while i + 8 <= count {
            s0 += x[i]; s1 += x[i + 1]; s2 += x[i + 2]; s3 += x[i + 3]
            s4 += x[i + 4]; s5 += x[i + 5]; s6 += x[i + 6]; s7 += x[i + 7]
            i += 8
        }
        while i < count {
            s0 += x[i]
            i += 1
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
    }

    @inline(__always)
    package static func sum(_ x: UnsafeMutablePointer<Float>, count: Int) -> Float {
        sum(UnsafePointer(x), count: count)
    }
}
