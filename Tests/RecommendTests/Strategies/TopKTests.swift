import Recommend
import Testing

/// `TopK` against the oracle: sort the whole stream, take the first `capacity`.
@Suite struct TopKTests {
    @Test(arguments: [0, 1, 3, 10, 64])
    func keepsTheBestEntriesWithTiesToTheSmallerItem(capacity: Int) {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let n = Int.random(in: 0...300, using: &rng)
            // Few distinct scores, so ties are common.
            var stream: [(item: UInt32, score: Float)] = []
            for _ in 0..<n {
                stream.append((UInt32.random(in: 0...1_000, using: &rng), Float(Int.random(in: 0...7, using: &rng))))
            }
            var top = TopK(capacity: capacity)
            for e in stream { top.offer(e.item, score: e.score) }
            let oracle = Array(
                stream.sorted { (a: (item: UInt32, score: Float), b: (item: UInt32, score: Float)) -> Bool in
                    a.score > b.score || (a.score == b.score && a.item < b.item)
                }.prefix(capacity))
            let got = top.sorted()
            #expect(got.map { $0.item } == oracle.map { $0.item })
            #expect(got.map { $0.score } == oracle.map { $0.score })
            #expect(top.count == min(capacity, n))
        }
    }
}
