import Dispatch
public import GraphStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension RecommenderModel {
    /// Builds the model from `snapshot`.
    /// - Throws: `RecommendError.emptyData` when the graph has no `purchaseType` relationships.
    /// - Complexity: O(Σ over customers of (distinct products)²) for the neighbours, spread over
    ///   `settings.workers` threads, plus O(purchases) for the rest.
    public init(
        snapshot s: GraphSnapshot, settings: Settings = Settings(), purchaseType: String = "PURCHASED"
    ) throws(RecommendError) {
        guard let purchased = s.catalog.relationshipType(purchaseType) else {
            throw RecommendError(.emptyData, "the graph has no \(purchaseType) relationships to recommend from")
        }
        guard settings.neighbours >= 1, settings.neighbours <= 10_000, settings.trendingWindow > 0,
            settings.trendingHalfLife > 0
        else {
            throw RecommendError(
                .invalidArgument, "neighbours must be in 1...10,000 and the trending window and half-life > 0")
        }
        self.settings = settings
        self.purchased = purchased
        version = s.version
        let tsKey = s.catalog.propertyKey("timestamp")
        timestampKey = tsKey
        let window = settings.trendingWindow
        let trendHalfLife = settings.trendingHalfLife
        follows = s.catalog.relationshipType("FOLLOWS")
        promotedBy = s.catalog.relationshipType("PROMOTED_BY")
        let live = { (r: UInt32) in s.contains(RelationshipID(r)) }
        let out = s.adjacencyList(purchased, .outgoing)
        let inc = s.adjacencyList(purchased, .incoming)

        // Items: every Product node, plus any other node that was purchased.
        var itemOf = [Int32](repeating: -1, count: s.nodeIDLimit)
        var products: [NodeID] = []
        if let label = s.catalog.label("Product") {
            s.forEachNode(label: label) { n in
                itemOf[n.index] = Int32(products.count)
                products.append(n)
            }
        }
        s.forEachNode { n in
            guard itemOf[n.index] < 0, inc.degree(of: n.index) > 0 else { return }
            itemOf[n.index] = Int32(products.count)
            products.append(n)
        }
        let items = products.count

        // Distinct items per buyer and distinct buyers per item, plus trending.
        var latest: Int64 = 0
        if let tsKey {
            s.forEachNode { c in
                out.forEach(of: c.index, isLive: live) { _, r in
                    if let t = s.property(RelationshipID(r), tsKey)?.intValue, t > latest { latest = t }
                }
            }
        }
        var customerItems: [[UInt32]] = []
        var trending = [Float](repeating: 0, count: items)
        var stamp = [Int32](repeating: -1, count: items)
        // Every purchase as an event, for the automatic model selection.
        let collect = settings.selection != nil
        var events: [Interactions.Event] = []
        s.forEachNode { c in
            guard out.degree(of: c.index) > 0 else { return }
            let me = Int32(customerItems.count)
            var mine: [UInt32] = []
            out.forEach(of: c.index, isLive: live) { p, r in
                let j = itemOf[Int(p)]
                guard j >= 0 else { return }
                if stamp[Int(j)] != me {
                    stamp[Int(j)] = me
                    mine.append(UInt32(j))
                }
                if collect {
                    let t = tsKey.flatMap { s.property(RelationshipID(r), $0)?.intValue } ?? 0
                    events.append(Interactions.Event(user: UInt32(me), item: UInt32(j), time: t))
                }
                if let tsKey, let t = s.property(RelationshipID(r), tsKey)?.intValue,
                    latest - t < window
                {
                    trending[Int(j)] += Float(exp2(-Double(latest - t) / trendHalfLife))
                }
            }
            customerItems.append(mine)
        }
        var buyerCount = [Int32](repeating: 0, count: items)
        for mine in customerItems { for j in mine { buyerCount[Int(j)] += 1 } }
        var buyerOffsets = [Int](repeating: 0, count: items + 1)
        for j in 0..<items { buyerOffsets[j + 1] = buyerOffsets[j] + Int(buyerCount[j]) }
        var buyers = [UInt32](repeating: 0, count: buyerOffsets[items])
        var fill = buyerOffsets
        for (c, mine) in customerItems.enumerated() {
            for j in mine {
                buyers[fill[Int(j)]] = UInt32(c)
                fill[Int(j)] += 1
            }
        }
        latestPurchase = latest
        popularity = buyerCount.map(Float.init)
        popularOrder = (0..<UInt32(items)).sorted {
            buyerCount[Int($0)] != buyerCount[Int($1)] ? buyerCount[Int($0)] > buyerCount[Int($1)] : $0 < $1
        }
        self.trending = trending
        trendingOrder = (0..<UInt32(items)).filter { trending[Int($0)] > 0 }.sorted {
            trending[Int($0)] != trending[Int($1)] ? trending[Int($0)] > trending[Int($1)] : $0 < $1
        }

        // Item-kNN neighbours: cosine over distinct buyers, the top `neighbours` per item.
        var lists: [[(UInt32, Float)]]
        if let lambda = settings.easeLambda {
            guard items <= Settings.maxEASEItems, lambda > 0 else {
                throw RecommendError(
                    .invalidArgument,
                    "EASE neighbours need λ > 0 and at most \(Settings.maxEASEItems) products (the graph has \(items))")
            }
            let split = EvaluationSplit(
                users: customerItems.count, items: items, history: customerItems,
                test: [[UInt32]](repeating: [], count: customerItems.count))
            let ease = try EASE(split, lambda: lambda)
            lists = []
            lists.reserveCapacity(items)
            var heap = TopK(capacity: settings.neighbours)
            ease.weights.withUnsafeBufferPointer { w in
                for j in 0..<items {
                    heap.removeAll()
                    for t in 0..<items where w[j * items + t] > 0 { heap.offer(UInt32(t), score: w[j * items + t]) }
                    lists.append(heap.sorted().map { ($0.item, $0.score) })
                }
            }
        } else {
            lists = Self.neighbourLists(
                items: items, buyers: buyers, buyerOffsets: buyerOffsets, customerItems: customerItems,
                buyerCount: buyerCount, keep: settings.neighbours, workers: settings.workers)
        }
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(items + 1)
        var neighbourItems: [UInt32] = []
        var neighbourSimilarity: [Float] = []
        for list in lists {
            for (t, sim) in list {
                neighbourItems.append(t)
                neighbourSimilarity.append(sim)
            }
            offsets.append(Int32(neighbourItems.count))
        }
        neighbourOffsets = offsets
        self.neighbourItems = neighbourItems
        self.neighbourSimilarity = neighbourSimilarity

        // Categories, price and stock.
        var categoryOffsets: [Int32] = [0]
        var categoryNodes: [UInt32] = []
        var byCategory: [UInt32: [UInt32]] = [:]
        let belongsTo = s.catalog.relationshipType("BELONGS_TO")
        let priceKeys = ["price", "unitPrice"].compactMap { s.catalog.propertyKey($0) }
        let inStockKey = s.catalog.propertyKey("inStock")
        let stockKey = s.catalog.propertyKey("stock")
        var price = [Float](repeating: .nan, count: items)
        var inStock = [Bool](repeating: true, count: items)
        for (j, p) in products.enumerated() {
            if let belongsTo {
                s.forEachRelationship(of: p, type: belongsTo, direction: .outgoing) { c, _ in
                    categoryNodes.append(c.rawValue)
                    byCategory[c.rawValue, default: []].append(UInt32(j))
                }
            }
            categoryOffsets.append(Int32(categoryNodes.count))
            for k in priceKeys {
                if let v = s.property(p, k)?.numericValue {
                    price[j] = Float(v)
                    break
                }
            }
            if let inStockKey, let b = s.property(p, inStockKey)?.boolValue {
                inStock[j] = b
            } else if let stockKey, let n = s.property(p, stockKey)?.numericValue {
                inStock[j] = n > 0
            }
        }
        for (c, list) in byCategory {
            byCategory[c] = list.sorted {
                buyerCount[Int($0)] != buyerCount[Int($1)] ? buyerCount[Int($0)] > buyerCount[Int($1)] : $0 < $1
            }
        }
        self.categoryOffsets = categoryOffsets
        self.categoryNodes = categoryNodes
        itemsByCategory = byCategory
        self.price = price
        self.inStock = inStock
        self.products = products
        self.itemOf = itemOf

        // The `auto` strategy's model: chosen on the holdout of each customer's latest purchases.
        if let options = settings.selection, !events.isEmpty {
            let x = try Interactions(users: customerItems.count, items: items, events: events)
            let (selection, fitted) =
                if let earlier = settings.earlierSelection, ModelSelector.stillApplies(earlier, to: x) {
                    try ModelSelector.refit(earlier, on: x, options: options)
                } else {
                    try ModelSelector.select(x, options: options)
                }
            self.selection = selection
            selected = fitted
        } else {
            selection = nil
            selected = nil
        }
    }

    /// The top `keep` cosine neighbours of every item, computed in parallel: item j's co-buyer
    /// counts come from walking each of its buyers' items once.
    private static func neighbourLists(
        items: Int, buyers: [UInt32], buyerOffsets: [Int], customerItems: [[UInt32]], buyerCount: [Int32],
        keep: Int, workers: Int?
    ) -> [[(UInt32, Float)]] {
        let threads = max(1, min(workers ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64))
        let next = Atomic<Int>(0)
        let results = Mutex<[[(UInt32, Float)]]>([[(UInt32, Float)]](repeating: [], count: items))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var counts = [Float](repeating: 0, count: items)
            var touched: [UInt32] = []
            var heap = TopK(capacity: keep)
            var local: [(Int, [(UInt32, Float)])] = []
            while true {
                let start = next.add(64, ordering: .relaxed).oldValue
                if start >= items { break }
                for j in start..<min(items, start + 64) {
                    for b in buyerOffsets[j]..<buyerOffsets[j + 1] {
                        for t in customerItems[Int(buyers[b])] where Int(t) != j {
                            if counts[Int(t)] == 0 { touched.append(t) }
                            counts[Int(t)] += 1
                        }
                    }
                    heap.removeAll()
                    let nj = Float(buyerCount[j])
                    for t in touched {
                        heap.offer(t, score: counts[Int(t)] / (nj * Float(buyerCount[Int(t)])).squareRoot())
                        counts[Int(t)] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                    local.append((j, heap.sorted().map { ($0.item, $0.score) }))
                }
            }
            results.withLock { r in for (j, list) in local { r[j] = list } }
        }
        return results.withLock { $0 }
    }
}
