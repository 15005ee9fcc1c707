/// Binary train and test sets for an offline evaluation, per user.
///
/// `history[u]` holds the user's distinct train items, most recent first (by the latest train
/// event of each item; ties by the larger item id first), so strategies can weigh recent items.
/// `test[u]` holds the held-out items, sorted; only `evaluatedUsers` (non-empty history and test)
/// are ranked.
public struct EvaluationSplit: Sendable {
    public let users: Int
    public let items: Int
    public var history: [[UInt32]]
    public var test: [[UInt32]]
    public var evaluatedUsers: [Int]
    /// Each user's latest train time (seconds; 0 without history or when unknown).
    public var lastTrainTime: [Int64]
    /// Per item, the latest train time of each user who has it in train, sorted (empty when unknown).
    public var itemTrainTimes: [[Int64]]
    /// Per user, the latest train time of each history item, in `history`'s order (nil when unknown).
    public var historyTimes: [[Int64]]?
    /// Whether the events carried times (more than one distinct time). Without them a history's
    /// order says nothing about recency, and recency weighting is left out.
    public var timed = true

    public init(
        users: Int, items: Int, history: [[UInt32]], test: [[UInt32]], lastTrainTime: [Int64]? = nil,
        itemTrainTimes: [[Int64]]? = nil
    ) {
        self.users = users
        self.items = items
        self.history = history
        self.test = test
        self.lastTrainTime = lastTrainTime ?? [Int64](repeating: 0, count: users)
        self.itemTrainTimes = itemTrainTimes ?? [[Int64]](repeating: [], count: items)
        evaluatedUsers = (0..<users).filter { !history[$0].isEmpty && !test[$0].isEmpty }
    }

    /// Train interactions counted once per (user, item).
    public var trainCount: Int { history.reduce(0) { $0 + $1.count } }

    /// A temporal split at `cut` (seconds): train is every (user, item) with an event before the
    /// cut; a user's test set is the items bought at or after the cut that are not in their train set.
    /// - Complexity: O(events · log(events per user)).
    public static func temporal(_ x: Interactions, cut: Int64) -> EvaluationSplit {
        var trainLatest = [[UInt32: Int64]](repeating: [:], count: x.users)
        var later = [Set<UInt32>](repeating: [], count: x.users)
        for e in x.events {
            if e.time < cut {
                let u = Int(e.user)
                if let t = trainLatest[u][e.item], t >= e.time { continue }
                trainLatest[u][e.item] = e.time
            } else {
                later[Int(e.user)].insert(e.item)
            }
        }
        var history: [[UInt32]] = []
        var test: [[UInt32]] = []
        history.reserveCapacity(x.users)
        test.reserveCapacity(x.users)
        for u in 0..<x.users {
            history.append(mostRecentFirst(trainLatest[u]))
            test.append(later[u].filter { trainLatest[u][$0] == nil }.sorted())
        }
        let (last, itemTimes) = times(trainLatest, items: x.items)
        var split = EvaluationSplit(
            users: x.users, items: x.items, history: history, test: test, lastTrainTime: last, itemTrainTimes: itemTimes
        )
        split.historyTimes = (0..<x.users).map { u in history[u].map { trainLatest[u][$0]! } }
        return split
    }

    /// Leave-last-one-out: each user's latest item (by its latest event; ties by the larger item id)
    /// is the test item when the user has at least `minItems` distinct items; the others are train.
    /// Users with fewer items keep them all in train and are not evaluated.
    public static func leaveLastOut(_ x: Interactions, minItems: Int = 2) -> EvaluationSplit {
        var latest = [[UInt32: Int64]](repeating: [:], count: x.users)
        for e in x.events {
            let u = Int(e.user)
            if let t = latest[u][e.item], t >= e.time { continue }
            latest[u][e.item] = e.time
        }
        var history: [[UInt32]] = []
        var test: [[UInt32]] = []
        for u in 0..<x.users {
            var order = mostRecentFirst(latest[u])
            if order.count >= max(1, minItems) {
                let held = order.removeFirst()
                test.append([held])
                latest[u][held] = nil
            } else {
                test.append([])
            }
            history.append(order)
        }
        let (last, itemTimes) = times(latest, items: x.items)
        var split = EvaluationSplit(
            users: x.users, items: x.items, history: history, test: test, lastTrainTime: last, itemTrainTimes: itemTimes
        )
        split.historyTimes = (0..<x.users).map { u in history[u].map { latest[u][$0]! } }
        return split
    }

    private static func times(_ latest: [[UInt32: Int64]], items: Int) -> ([Int64], [[Int64]]) {
        var itemTimes = [[Int64]](repeating: [], count: items)
        var last = [Int64](repeating: 0, count: latest.count)
        for (u, m) in latest.enumerated() {
            for (i, t) in m {
                itemTimes[Int(i)].append(t)
                last[u] = max(last[u], t)
            }
        }
        for i in 0..<items { itemTimes[i].sort() }
        return (last, itemTimes)
    }

    private static func mostRecentFirst(_ latest: [UInt32: Int64]) -> [UInt32] {
        latest.sorted { a, b in a.value != b.value ? a.value > b.value : a.key > b.key }.map(\.key)
    }
}

extension Interactions {
    /// The events before `cut`: the train period of a temporal split, from which a validation
    /// split (an earlier cut) is drawn without touching the test period.
    public func before(_ cut: Int64) -> Interactions {
        keeping { $0.time < cut }
    }

    /// The events whose (user, item) is not held out in `split.test`: the train data of a
    /// leave-last-out split, from which a validation split (the next-latest item) is drawn.
    public func removingTest(of split: EvaluationSplit) -> Interactions {
        let held = split.test.map(Set.init)
        return keeping { !held[Int($0.user)].contains($0.item) }
    }
}
