/// Purchases with a planted structure, for model-selection tests: customers fall in `groups`
/// taste groups, each group buying from its own slice of the catalogue (with a little noise), at
/// increasing times. A model that learns the groups ranks a customer's next products far above
/// popularity.
public enum PlantedPurchases {
    /// (customer, product, time) triples, deterministic for a seed.
    public static func generate(
        customers: Int, products: Int, groups: Int = 4, perCustomer: Int = 8, noise: Double = 0.1, seed: UInt64 = 1
    ) -> [(customer: Int, product: Int, time: Int64)] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let slice = max(1, products / groups)
        var out: [(customer: Int, product: Int, time: Int64)] = []
        for c in 0..<customers {
            let g = c % groups
            var mine = Set<Int>()
            var t = Int64(1_000 + c)
            while mine.count < min(perCustomer, slice) {
                let p: Int
                if Double(next() % 1000) / 1000 < noise {
                    p = Int(next() % UInt64(products))
                } else {
                    // Within the group's slice, lower products are more popular (squared uniform).
                    let u = Double(next() % 10_000) / 10_000
                    p = g * slice + min(slice - 1, Int(u * u * Double(slice)))
                }
                guard mine.insert(p).inserted else { continue }
                out.append((c, p, t))
                t += 86_400
            }
        }
        return out
    }
}
