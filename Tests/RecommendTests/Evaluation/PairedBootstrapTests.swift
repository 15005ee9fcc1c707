import Recommend
import Testing

@Suite struct PairedBootstrapTests {
    @Test func constantShiftHasAPointInterval() throws {
        let a = [0.1, 0.5, 0.0, 1.0]
        let b = a.map { $0 + 0.25 }
        let ci = try PairedBootstrap(a, b, samples: 200)
        #expect(abs(ci.difference - 0.25) < 1e-12)
        #expect(abs(ci.low - 0.25) < 1e-12 && abs(ci.high - 0.25) < 1e-12)
    }

    @Test func noisyDifferenceBracketsTheMean() throws {
        let a = (0..<200).map { Double($0 % 7) / 7 }
        let b = (0..<200).map { Double(($0 * 3) % 5) / 5 }
        let ci = try PairedBootstrap(a, b)
        #expect(ci.low < ci.difference && ci.difference < ci.high)
        #expect(ci.high - ci.low < 0.2)
        let again = try PairedBootstrap(a, b)
        #expect(again.low == ci.low && again.high == ci.high)  // seeded: reproducible
    }

    @Test func mismatchedListsAreRejected() {
        #expect(throws: RecommendError.self) { _ = try PairedBootstrap([1], [1, 2]) }
        #expect(throws: RecommendError.self) { _ = try PairedBootstrap([], []) }
    }
}
