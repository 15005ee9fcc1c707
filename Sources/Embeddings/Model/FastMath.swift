/// Branch-free `exp` and `erf` for the encoder's GELU and softmax.
///
/// Written as scalar code with selects instead of branches, so that the loops calling them
/// vectorise in release builds and stay quick in debug builds (explicit SIMD types are slow
/// there). `exp` splits x = k·ln2 + r with |r| ≤ ln2/2, evaluates a degree-6 Taylor polynomial
/// for e^r (relative error below 2e-7) and scales by 2^k through the exponent bits. `erf` uses
/// Abramowitz & Stegun 7.1.26 (absolute error 1.5e-7 in exact arithmetic, about 5e-7 in Float). Both are well inside what the
/// embedding tolerance allows; `FastMathTests` checks them against the C library.
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

    /// erf(x).
    @inline(__always)
    package static func erf(_ x: Float) -> Float {
        let a = x.magnitude
        let t = 1 / (1 + 0.327_591_1 * a)
        var p: Float = 1.061_405_429
        p = p * t - 1.453_152_027
        p = p * t + 1.421_413_741
        p = p * t - 0.284_496_736
        p = p * t + 0.254_829_592
        p = p * t
        let y = 1 - p * exp(-(a * a))
        return x < 0 ? -y : y
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
