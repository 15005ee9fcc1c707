import ArgumentParser
import Engine
import GraphImport
import GraphStore
import Persistence

/// Where a command gets its graph: the Online Retail file, neo4j-admin CSV files, or the generator.
struct GraphSourceOptions: ParsableArguments {
    @Option(name: .customLong("online-retail"), help: "Import the UCI Online Retail CSV (plain or .gz).")
    var onlineRetail: String?

    @Option(help: ArgumentHelp("A neo4j-admin node file, optionally prefixed by labels: [Label[:Label]=]file.csv", valueName: "file"))
    var nodes: [String] = []

    @Option(help: ArgumentHelp("A neo4j-admin relationship file, optionally prefixed by a type: [TYPE=]file.csv", valueName: "file"))
    var relationships: [String] = []

    @Option(help: "Field delimiter of CSV files.")
    var delimiter: String = ","

    @Option(name: .customLong("array-delimiter"), help: "Delimiter inside array fields.")
    var arrayDelimiter: String = ";"

    @Flag(
        inversion: .prefixedNo,
        help: "With --nodes: give each named id column (id:ID(Customer), readerId:ID) a uniqueness constraint on its label and id property.")
    var constraints = true

    @Flag(help: "Generate a synthetic graph instead (see --customers, --products, --purchases, --seed).")
    var synthetic = false

    @OptionGroup var scale: SyntheticScaleOptions

    func validate() throws {
        if sourceCount > 1 { throw ValidationError("Give only one graph source.") }
        // The sizes only shape a generated graph: given without --synthetic they would be ignored
        // silently (`score --customers 17850` scored everyone), so they are an error.
        if !synthetic, let first = scale.given.first {
            throw ValidationError(
                "\(first) sets a size of the synthetic graph and needs --synthetic"
                    + " (to choose customers to score, use --customer ID or --customer-file FILE).")
        }
        if !relationships.isEmpty && nodes.isEmpty { throw ValidationError("--relationships needs at least one --nodes file.") }
        if delimiter.count != 1 || arrayDelimiter.count != 1 {
            throw ValidationError("--delimiter and --array-delimiter must be single characters.")
        }
    }

    var sourceCount: Int {
        (onlineRetail != nil ? 1 : 0) + (nodes.isEmpty && relationships.isEmpty ? 0 : 1) + (synthetic ? 1 : 0)
    }

    static let missingSource = ValidationError(
        "Give a graph source: --online-retail FILE, --nodes/--relationships, or --synthetic.")

    var nodeFiles: [NodeFile] {
        nodes.map { spec in
            guard let eq = spec.firstIndex(of: "=") else { return NodeFile(path: spec) }
            let labels = spec[..<eq].split(separator: ":").map(String.init)
            return NodeFile(path: String(spec[spec.index(after: eq)...]), labels: labels)
        }
    }

    var relationshipFiles: [RelationshipFile] {
        relationships.map { spec in
            guard let eq = spec.firstIndex(of: "=") else { return RelationshipFile(path: spec) }
            return RelationshipFile(path: String(spec[spec.index(after: eq)...]), type: String(spec[..<eq]))
        }
    }

    /// Loads the graph into `db`, showing progress, and prints what was loaded.
    func load(into db: Database) throws {
        do {
            try loadUnchecked(into: db)
        } catch let error as ImportError {
            throw CLIError(error.description)
        } catch let error as PersistenceError {
            throw CLIError(error.description)
        }
    }

    private func loadUnchecked(into db: Database) throws {
        let clock = ContinuousClock()
        let started = clock.now
        if let onlineRetail {
            let bar = ProgressBar(title: "importing \(onlineRetail)")
            let report = try db.importOnlineRetail(path: onlineRetail) { bar.update(done: $0, total: $1) }
            bar.finish()
            Report.onlineRetail(report, seconds: (clock.now - started).seconds)
        } else if synthetic {
            let config = try scale.config()
            let bar = ProgressBar(title: "generating")
            let stats = try db.generate(config) { bar.step($0) }
            bar.finish()
            print("generated \(stats.nodesCreated) nodes and \(stats.relationshipsCreated) relationships in "
                + Report.seconds((clock.now - started).seconds)
                + " (customers \(config.customers), products \(config.products), purchases \(config.purchases), seed \(config.seed))")
        } else {
            var importer = Neo4jAdminImporter()
            importer.delimiter = delimiter.first!
            importer.arrayDelimiter = arrayDelimiter.first!
            importer.createConstraints = constraints
            let bar = ProgressBar(title: "importing CSV")
            let report = try db.importCSV(nodes: nodeFiles, relationships: relationshipFiles, importer: importer) {
                bar.update(done: $1, total: $2, label: $0)
            }
            bar.finish()
            for (path, count) in report.records { print("  \(path): \(count) rows") }
            for c in report.constraintsCreated {
                print("  created constraint \(c.name): :\(c.label)(\(c.key)) is unique")
            }
            for note in report.constraintsSkipped { print("  note: \(note)") }
            print("imported \(report.nodesCreated) nodes and \(report.relationshipsCreated) relationships in "
                + Report.seconds((clock.now - started).seconds))
        }
    }
}

/// The size of a synthetic graph.
struct SyntheticScaleOptions: ParsableArguments {
    @Option(help: "Customers of the synthetic graph (1...1,000,000; default 50,000).") var customers: Int?
    @Option(help: "Products of the synthetic graph (1...1,000,000; default 20,000).") var products: Int?
    @Option(help: "PURCHASED relationships of the synthetic graph (0...10,000,000; default 1,000,000).") var purchases: Int?
    @Option(help: "Random seed of the synthetic graph: the same seed gives the same graph (default 42).") var seed: UInt64?

    /// The size options given on the command line, as `--name`.
    var given: [String] {
        [("--customers", customers != nil), ("--products", products != nil), ("--purchases", purchases != nil), ("--seed", seed != nil)]
            .filter(\.1).map(\.0)
    }

    func config() throws -> SyntheticGraphConfig {
        let c = SyntheticGraphConfig(
            customers: customers ?? 50_000, products: products ?? 20_000, purchases: purchases ?? 1_000_000, seed: seed ?? 42)
        do { try c.validate() } catch { throw ValidationError(error.message) }
        return c
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
