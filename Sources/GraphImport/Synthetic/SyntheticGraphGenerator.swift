#if canImport(Glibc)
import Glibc
#endif

public import GraphStore

/// Generates a deterministic recommendation graph: Customer, Product, Category and Influencer
/// nodes joined by the eleven relationship types the engine is designed around, with
/// power-law popularity. The same config and seed always give the same graph.
///
/// - `(:Customer {id, country, age})`, `(:Product {id, name, price})`, `(:Category {id, name})`,
///   `(:Influencer {id, name, followers})`, each with a unique `id` constraint.
/// - `(Customer)-[:PURCHASED {quantity, timestamp}]->(Product)`, `(Customer)-[:VIEWED]->(Product)`,
///   `(Customer)-[:REVIEWED {rating}]->(Product)`, `(Customer)-[:FOLLOWS]->(Influencer)`,
///   `(Customer)-[:REFERRED_BY]->(Customer)`, `(Product)-[:BELONGS_TO]->(Category)`,
///   `(Product)-[:SIMILAR_TO {score}]->(Product)` (same category),
///   `(Product)-[:FREQUENTLY_BOUGHT_WITH {support}]->(Product)`, `(Product)-[:PROMOTED_BY]->(Influencer)`,
///   `(Influencer)-[:COLLABORATED_WITH]->(Influencer)`, `(Influencer)-[:SPECIALIZES_IN]->(Category)`.
public enum SyntheticGraphGenerator {
    /// The relationship types the generator creates.
    public static let relationshipTypes = [
        "PURCHASED", "VIEWED", "REVIEWED", "FOLLOWS", "REFERRED_BY", "BELONGS_TO", "SIMILAR_TO",
        "FREQUENTLY_BOUGHT_WITH", "PROMOTED_BY", "COLLABORATED_WITH", "SPECIALIZES_IN",
    ]

    static let countries = [
        "United Kingdom", "Germany", "France", "Spain", "Netherlands", "Italy", "Sweden", "Poland", "Ireland", "Portugal",
    ]

    /// Generates the graph into `txn`.
    /// - Throws: `ImportError.invalidArgument` for an out-of-range config.
    public static func run(
        _ config: SyntheticGraphConfig, into txn: inout GraphTransaction,
        progress: (@Sendable (_ step: String) -> Void)? = nil
    ) throws -> WriteStatistics {
        try config.validate()
        do {
            return try generate(config, &txn, progress)
        } catch let e as GraphStoreError {
            throw ImportError(.graph, file: "<generate>", e.message)
        }
    }

    private static func generate(
        _ config: SyntheticGraphConfig, _ txn: inout GraphTransaction, _ progress: (@Sendable (String) -> Void)?
    ) throws -> WriteStatistics {
        var rng = SplitMix64(seed: config.seed)
        let before = txn.statistics
        for label in ["Customer", "Product", "Category", "Influencer"] {
            let l = try txn.label(label)
            let k = try txn.propertyKey("id")
            if txn.snapshot.constraint(label: l, key: k) == nil { try txn.createUniqueConstraint(label: label, key: "id") }
        }
        let kName = try txn.propertyKey("name")

        progress?("nodes")
        let categories = try nodes(config.categories, "Category", "K", config.seed, &txn) { i, _ in
            [PropertyEntry(key: kName, value: .string("Category \(i)"))]
        }
        let kFollowers = try txn.propertyKey("followers")
        let influencers = try nodes(config.influencers, "Influencer", "I", config.seed, &txn) { i, rng in
            [PropertyEntry(key: kName, value: .string("Influencer \(i)")),
             PropertyEntry(key: kFollowers, value: .int(Int64(1_000 + rng.below(1_000_000))))]
        }
        let kPrice = try txn.propertyKey("price")
        let products = try nodes(config.products, "Product", "P", config.seed, &txn) { i, rng in
            // Log-uniform prices between 1 and 500.
            let price = (exp(rng.unit() * 6.2146) * 100).rounded() / 100
            return [PropertyEntry(key: kName, value: .string("Product \(i)")), PropertyEntry(key: kPrice, value: .double(price))]
        }
        let kCountry = try txn.propertyKey("country")
        let kAge = try txn.propertyKey("age")
        let customers = try nodes(config.customers, "Customer", "C", config.seed, &txn) { _, rng in
            [PropertyEntry(key: kCountry, value: .string(countries[rng.below(countries.count)])),
             PropertyEntry(key: kAge, value: .int(Int64(18 + rng.below(62))))]
        }

        let productPick = ZipfSampler(count: products.count, exponent: config.productSkew, rng: &rng)
        let customerPick = ZipfSampler(count: customers.count, exponent: config.customerSkew, rng: &rng)
        let influencerPick = ZipfSampler(count: influencers.count, exponent: 1.0, rng: &rng)
        var batch: [NewRelationship] = []

        func flush(_ txn: inout GraphTransaction) throws {
            try txn.createRelationships(batch)
            batch.removeAll(keepingCapacity: true)
        }

        // Catalogue structure.
        progress?("catalogue")
        let belongsTo = try txn.relationshipType("BELONGS_TO")
        var categoryOf = [Int](repeating: 0, count: products.count)
        var productsIn = [[Int]](repeating: [], count: categories.count)
        for p in 0..<products.count {
            let c = rng.below(categories.count)
            categoryOf[p] = c
            productsIn[c].append(p)
            batch.append(NewRelationship(source: products[p], target: categories[c], type: belongsTo))
        }
        let similarTo = try txn.relationshipType("SIMILAR_TO")
        let kScore = try txn.propertyKey("score")
        for p in 0..<products.count {
            let peers = productsIn[categoryOf[p]]
            guard peers.count > 1 else { continue }
            for _ in 0..<config.similarPerProduct {
                let q = peers[rng.below(peers.count)]
                if q == p { continue }
                let score = 0.5 + 0.5 * rng.unit()
                batch.append(NewRelationship(
                    source: products[p], target: products[q], type: similarTo,
                    properties: PropertyMap([PropertyEntry(key: kScore, value: .double(score))])))
            }
        }
        let boughtWith = try txn.relationshipType("FREQUENTLY_BOUGHT_WITH")
        let kSupport = try txn.propertyKey("support")
        for p in 0..<products.count where products.count > 1 {
            for _ in 0..<config.boughtWithPerProduct {
                let q = productPick.sample(&rng)
                if q == p { continue }
                batch.append(NewRelationship(
                    source: products[p], target: products[q], type: boughtWith,
                    properties: PropertyMap([PropertyEntry(key: kSupport, value: .double(rng.unit() * 0.05))])))
            }
        }
        let promotedBy = try txn.relationshipType("PROMOTED_BY")
        let collaborated = try txn.relationshipType("COLLABORATED_WITH")
        let specializes = try txn.relationshipType("SPECIALIZES_IN")
        for i in 0..<influencers.count {
            for _ in 0..<config.promotionsPerInfluencer {
                batch.append(NewRelationship(source: products[productPick.sample(&rng)], target: influencers[i], type: promotedBy))
            }
            for _ in 0..<config.collaborationsPerInfluencer where influencers.count > 1 {
                let j = rng.below(influencers.count)
                if j != i { batch.append(NewRelationship(source: influencers[i], target: influencers[j], type: collaborated)) }
            }
            for _ in 0..<config.specialitiesPerInfluencer {
                batch.append(NewRelationship(
                    source: influencers[i], target: categories[rng.below(categories.count)], type: specializes))
            }
        }
        try flush(&txn)

        // Social edges.
        progress?("social")
        let follows = try txn.relationshipType("FOLLOWS")
        let referredBy = try txn.relationshipType("REFERRED_BY")
        for c in 0..<customers.count {
            for _ in 0..<config.followsPerCustomer {
                batch.append(NewRelationship(source: customers[c], target: influencers[influencerPick.sample(&rng)], type: follows))
            }
            if customers.count > 1 && rng.unit() < config.referralFraction {
                let other = rng.below(customers.count)
                if other != c { batch.append(NewRelationship(source: customers[c], target: customers[other], type: referredBy)) }
            }
        }
        try flush(&txn)

        // Behaviour: purchases, views, reviews.
        progress?("purchases")
        let purchased = try txn.relationshipType("PURCHASED")
        let kQuantity = try txn.propertyKey("quantity")
        let kTimestamp = try txn.propertyKey("timestamp")
        let start: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z
        batch.reserveCapacity(min(config.purchases, 2_000_000))
        for _ in 0..<config.purchases {
            let ts = start + Int64(rng.below(366 * 86_400))
            batch.append(NewRelationship(
                source: customers[customerPick.sample(&rng)], target: products[productPick.sample(&rng)], type: purchased,
                properties: PropertyMap([
                    PropertyEntry(key: kQuantity, value: .int(Int64(1 + rng.below(4)))),
                    PropertyEntry(key: kTimestamp, value: .int(ts)),
                ])))
            if batch.count == 2_000_000 { try flush(&txn) }
        }
        try flush(&txn)
        progress?("views and reviews")
        let viewed = try txn.relationshipType("VIEWED")
        for _ in 0..<config.views {
            batch.append(NewRelationship(
                source: customers[customerPick.sample(&rng)], target: products[productPick.sample(&rng)], type: viewed))
            if batch.count == 2_000_000 { try flush(&txn) }
        }
        let reviewed = try txn.relationshipType("REVIEWED")
        let kRating = try txn.propertyKey("rating")
        for _ in 0..<config.reviews {
            batch.append(NewRelationship(
                source: customers[customerPick.sample(&rng)], target: products[productPick.sample(&rng)], type: reviewed,
                properties: PropertyMap([PropertyEntry(key: kRating, value: .int(Int64(1 + rng.below(5))))])))
        }
        try flush(&txn)

        var stats = txn.statistics
        stats.nodesCreated -= before.nodesCreated
        stats.relationshipsCreated -= before.relationshipsCreated
        stats.propertiesSet -= before.propertiesSet
        stats.labelsAdded -= before.labelsAdded
        stats.constraintsAdded -= before.constraintsAdded
        return stats
    }

    /// Creates `count` nodes with `label` and ids `<prefix><n>` (n from 1), plus generated properties.
    private static func nodes(
        _ count: Int, _ label: String, _ prefix: String, _ seed: UInt64, _ txn: inout GraphTransaction,
        _ properties: (Int, inout SplitMix64) -> [PropertyEntry]
    ) throws -> [NodeID] {
        let l = try txn.label(label)
        let kID = try txn.propertyKey("id")
        var rng = SplitMix64(seed: seed ^ label.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
        var out: [NodeID] = []
        out.reserveCapacity(count)
        for i in 1...max(count, 1) where count > 0 {
            var entries = properties(i, &rng)
            entries.append(PropertyEntry(key: kID, value: .string(prefix + String(i))))
            out.append(try txn.createNode(labels: [l], properties: PropertyMap(entries)))
        }
        return out
    }
}
