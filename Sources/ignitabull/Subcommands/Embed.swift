import ArgumentParser
import Embeddings
import Foundation

extension Ignitabull {
    /// `ignitabull embed "text"` prints one vector; `ignitabull embed --file products.tsv` embeds a
    /// column of a TSV in batches, with a progress bar on standard error.
    struct Embed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Embed text with all-MiniLM-L6-v2 (384-d, unit length).",
            discussion: """
                With a text argument, prints its vector as a JSON array. With --file, reads a TSV with a \
                header row, embeds the --column column (default: the last), and prints `key<TAB>[v1, …]` per \
                row (key = first column), or writes raw little-endian float32 rows to --output.
                The model comes from --model-dir (default $IGNITABULL_MODEL_DIR or \
                ~/.cache/ignitabull/models/all-MiniLM-L6-v2); `ignitabull model fetch` downloads it.
                """)

        @Argument(help: "The text to embed.")
        var text: String?

        @Option(name: .long, help: "A TSV file (header row) whose texts to embed.")
        var file: String?

        @Option(name: .long, help: "The TSV column to embed (default: the last column).")
        var column: String?

        @Option(name: .long, help: "Write raw float32 rows (rows × 384) here instead of printing.")
        var output: String?

        @Option(name: .long, help: "The model directory (config.json, vocab.txt, model.safetensors).")
        var modelDir: String?

        @Option(name: .long, help: "Threads that embed batches in parallel.")
        var threads: Int = 2

        @Option(name: .long, help: "The most tokens in one batch.")
        var batchTokens: Int = MiniLMEmbedder.defaultMaxBatchTokens

        @Option(
            name: .long,
            help: "Matmul precision: auto (bf16 on CPUs with AVX-512 BF16, else fp32), bf16 or fp32.")
        var precision: String = "auto"

        private var matmulPrecision: MatmulPrecision? {
            switch precision {
            case "auto": .automatic
            case "bf16": .bfloat16
            case "fp32": .float32
            default: nil
            }
        }

        func validate() throws {
            if (text == nil) == (file == nil) {
                throw ValidationError("give either a text argument or --file, not both")
            }
            if file == nil && (column != nil || output != nil) {
                throw ValidationError("--column and --output need --file")
            }
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            guard batchTokens >= 1 else { throw ValidationError("--batch-tokens must be at least 1") }
            guard matmulPrecision != nil else { throw ValidationError("--precision must be auto, bf16 or fp32") }
        }

        func run() async throws {
            do {
                let embedder = try MiniLMEmbedder(
                    modelDirectory: modelDir ?? ModelStore.defaultCacheDirectory, threads: threads,
                    maxBatchTokens: batchTokens, precision: matmulPrecision ?? .automatic)
                if let text {
                    print(Self.format(embedder.encode([text])[0]))
                    return
                }
                try embedFile(with: embedder)
            } catch let error as EmbeddingsError {
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                throw ExitCode.failure
            }
        }

        private func embedFile(with embedder: MiniLMEmbedder) throws {
            let rows = try TSVTexts.read(path: file!, textColumn: column)
            let bar = ProgressBar(title: "embedding \(rows.count) texts")
            let d = embedder.dimension
            var flat = [Float](repeating: 0, count: rows.count * d)
            flat.withUnsafeMutableBufferPointer { buffer in
                embedder.encode(rows.map(\.text), into: buffer.baseAddress!) { done, total in bar.update(done: done, total: total) }
            }
            bar.finish()
            if let output {
                let bytes = flat.withUnsafeBytes { Data($0) }
                do {
                    try bytes.write(to: URL(fileURLWithPath: output))
                } catch {
                    throw EmbeddingsError(.io, "cannot write \(output): \(error.localizedDescription)")
                }
                FileHandle.standardError.write(Data("wrote \(rows.count) × \(d) float32 to \(output)\n".utf8))
                return
            }
            var out = ""
            for (i, row) in rows.enumerated() {
                out += row.key + "\t" + Self.format(Array(flat[(i * d)..<((i + 1) * d)])) + "\n"
                if out.utf8.count > 1 << 20 {
                    FileHandle.standardOutput.write(Data(out.utf8))
                    out = ""
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }

        static func format(_ vector: [Float]) -> String {
            "[" + vector.map { String($0) }.joined(separator: ", ") + "]"
        }
    }
}
