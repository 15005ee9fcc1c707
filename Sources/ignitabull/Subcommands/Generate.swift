import ArgumentParser
import Engine
import Foundation
import GraphImport
import Persistence

extension Ignitabull {
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a deterministic synthetic recommendation graph.",
            discussion: """
                Customer, Product, Category and Influencer nodes with all eleven relationship types \
                and power-law product popularity. The same scale and seed always give the same graph.
                With --csv DIR the graph is also written as neo4j-admin import files.
                """)

        @OptionGroup var scale: SyntheticScaleOptions
        @OptionGroup var storage: StorageOptions

        @Option(help: "Write the graph as neo4j-admin CSV files into this (existing) directory.")
        var csv: String?

        @Option(help: "Run the co-purchase traversal for this many sample customers (0 to skip).")
        var sample = 3

        func run() async throws {
            let db = try storage.open(creating: true)
            let config = try scale.config()
            let clock = ContinuousClock()
            let started = clock.now
            let bar = ProgressBar(title: "generating")
            let stats: WriteStatistics
            do {
                stats = try db.generate(config) { bar.step($0) }
            } catch let error as ImportError {
                throw CLIError(error.description)
            } catch let error as PersistenceError {
                throw CLIError(error.description)
            }
            bar.finish()
            print("generated \(Report.number(stats.nodesCreated)) nodes and \(Report.number(stats.relationshipsCreated)) relationships"
                + " in \(Report.seconds((clock.now - started).seconds)) (seed \(config.seed))")
            Report.statistics(db.statistics(), degrees: true)
            if let csv {
                do {
                    try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: true)
                } catch {
                    throw CLIError("\(csv): cannot create the directory: \(error.localizedDescription)")
                }
                do {
                    let files = try Neo4jAdminExporter.write(db.graph.snapshot, to: csv)
                    print("wrote \(files.count) files to \(csv)")
                } catch {
                    throw CLIError(error.description)
                }
            }
            if sample > 0 { SampleTraversal.run(db, customers: sample) }
        }
    }
}

import GraphStore
