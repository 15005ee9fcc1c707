extension EvaluationSplit {
    /// Holds out each user's most recent purchases: the items a user bought at their latest event
    /// time that they had not bought before it form the test set; train is every item with an
    /// event before that time. For a shop this is the last basket (one invoice); for ratings with a
    /// distinct time each it is the latest item, as `leaveLastOut`. Users whose events all share
    /// one time keep everything in train and are not evaluated.
    ///
    /// When no event carries a time (every time equal), nothing is recent: each user with at least
    /// two items holds out one item drawn with `seed` instead.
    /// - Complexity: O(events · log(events per user)).
    public static func lastPurchase(_ x: Interactions, seed: UInt64 = 7) -> EvaluationSplit {
        var latestTime = [Int64](repeating: .min, count: x.users)
        var timed = false
        var first: Int64?
        for e in x.events {
            latestTime[Int(e.user)] = max(latestTime[Int(e.user)], e.time)
            if let f = first, f != e.time { timed = true }
            if first == nil { first = e.time }
        }
        var trainLatest = [[UInt32: Int64]](repeating: [:], count: x.users)
        var held = [Set<UInt32>](repeating: [], count: x.users)
        if timed {
            for e in x.events {
                let u = Int(e.user)
                if e.time < latestTime[u] {
                    if let t = trainLatest[u][e.item], t >= e.time { continue }
                    trainLatest[u][e.item] = e.time
                } else {
                    held[u].insert(e.item)
                }
            }
        } else {
            var all = [Set<UInt32>](repeating: [], count: x.users)
            for e in x.events { all[Int(e.user)].insert(e.item) }
            var state = seed
            for u in 0..<x.users {
                let items = all[u].sorted()
                guard items.count >= 2 else {
                    for i in items { trainLatest[u][i] = 0 }
                    continue
                }
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                let pick = items[Int(z % UInt64(items.count))]
                held[u].insert(pick)
                for i in items where i != pick { trainLatest[u][i] = 0 }
            }
        }
        var history: [[UInt32]] = []
        var test: [[UInt32]] = []
        history.reserveCapacity(x.users)
        test.reserveCapacity(x.users)
        var itemTimes = [[Int64]](repeating: [], count: x.items)
        var last = [Int64](repeating: 0, count: x.users)
        for u in 0..<x.users {
            let m = trainLatest[u]
            history.append(
                m.sorted { a, b in a.value != b.value ? a.value > b.value : a.key > b.key }.map(\.key))
            test.append(held[u].filter { m[$0] == nil }.sorted())
            for (i, t) in m {
                itemTimes[Int(i)].append(t)
                last[u] = max(last[u], t)
            }
        }
        for i in 0..<x.items { itemTimes[i].sort() }
        var split = EvaluationSplit(
            users: x.users, items: x.items, history: history, test: test, lastTrainTime: last, itemTrainTimes: itemTimes)
        split.timed = timed
        return split
    }

    /// All of `x` as train (no test): what the chosen model is refitted on.
    public static func everything(_ x: Interactions) -> EvaluationSplit {
        var latest = [[UInt32: Int64]](repeating: [:], count: x.users)
        for e in x.events {
            let u = Int(e.user)
            if let t = latest[u][e.item], t >= e.time { continue }
            latest[u][e.item] = e.time
        }
        let history = latest.map { m in
            m.sorted { a, b in a.value != b.value ? a.value > b.value : a.key > b.key }.map(\.key)
        }
        var split = EvaluationSplit(
            users: x.users, items: x.items, history: history, test: [[UInt32]](repeating: [], count: x.users))
        split.timed = x.events.contains { $0.time != x.events.first?.time }
        return split
    }
}
