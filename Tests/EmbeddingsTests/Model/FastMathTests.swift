import Embeddings
import Foundation
import Testing

@Suite struct FastMathTests {
    @Test func expMatchesTheCLibrary() {
        var worst: Float = 0
        for x in stride(from: Float(-80), to: 80, by: 0.0173) {
            let want = Foundation.exp(x)
            worst = max(worst, abs(FastMath.exp(x) - want) / want)
        }
        #expect(worst < 5e-7)
    }

    @Test func erfMatchesTheCLibrary() {
        var worst: Float = 0
        for x in stride(from: Float(-6), to: 6, by: 0.0007) {
            worst = max(worst, abs(FastMath.erf(x) - Foundation.erf(x)))
        }
        #expect(worst < 5e-7)
    }

    @Test func geluAgreesWithTheScalarReference() {
        let n = 1000
        var fast = (0..<n).map { Float($0 - 500) * 0.013 }
        var reference = fast
        fast.withUnsafeMutableBufferPointer { FastMath.gelu($0.baseAddress!, count: n) }
        reference.withUnsafeMutableBufferPointer { Kernels.referenceGELU($0.baseAddress!, count: n) }
        for i in 0..<n { #expect(abs(fast[i] - reference[i]) < 1e-5) }
    }

    @Test func sumMatchesASimpleLoop() {
        let values = (0..<37).map { Float($0) * 0.5 - 3 }
        let total = values.withUnsafeBufferPointer { FastMath.sum($0.baseAddress!, count: values.count) }
        #expect(abs(total - values.reduce(0, +)) < 1e-4)
    }
}
