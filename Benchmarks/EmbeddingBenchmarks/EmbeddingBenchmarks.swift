import Embeddings
import Foundation
import VectorKernels

/// Report-style benchmark of the native MiniLM embedder: sentences per second over a TSV of
/// texts on 1 and 2 threads, per matmul precision (bfloat16 and float32), agreement with
/// reference vectors, and resident memory.
///
///     swift run -c release EmbeddingBenchmarks [--tsv PATH] [--column NAME] [--reference PATH.f32]
///         [--model DIR] [--threads 1,2] [--precision bf16,fp32] [--repeat N] [--batch-tokens N]
///         [--touch-vocabulary 1] [--gemm N]
///
/// `--precision` takes a comma-separated list of `bf16`, `fp32`, `auto`; the default is
/// `bf16,fp32` on CPUs with AVX-512 BF16 and `fp32` elsewhere. The memory figures are measured
/// for the first precision of the list. `--gemm N` only times the encoder's four matmul shapes on
/// the bfloat16 kernel and on `sgemm` (best of N) and exits.
/// Prints `key: value` lines that Benchmarks/peers/minilm.sh parses.
@main
struct EmbeddingBenchmarks {
    static func main() throws {
        BLAS.restartWithPreferredCoreIfNeeded()  // OpenBLAS 0.3.21 picks SSE3 kernels on processors it does not know
        var options: [String: String] = [:]
        var args = CommandLine.arguments.dropFirst()
        while let flag = args.popFirst() {
            guard flag.hasPrefix("--"), let value = args.popFirst() else {
                print("usage: EmbeddingBenchmarks [--tsv PATH] [--column NAME] [--reference PATH] [--model DIR] [--threads 1,2] [--precision bf16,fp32] [--repeat N] [--batch-tokens N] [--touch-vocabulary 1] [--gemm N]")
                exit(2)
            }
            options[String(flag.dropFirst(2))] = value
        }
        if let gemm = options["gemm"] {
            MatmulThroughput.run(repeats: Int(gemm) ?? 20)
            return
        }
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("../shared/datasets/minilm-l6-v2/reference").standardized.path
        let tsv = options["tsv"] ?? shared + "/online_retail_products.tsv"
        let reference = options["reference"] ?? (options["tsv"] == nil ? shared + "/online_retail_products.3922x384.f32" : "")
        let model = options["model"] ?? ModelStore.defaultCacheDirectory
        let threadCounts = (options["threads"] ?? "1,2").split(separator: ",").compactMap { Int($0) }
        let repeats = Int(options["repeat"] ?? "3") ?? 3
        let batchTokens = Int(options["batch-tokens"] ?? "") ?? MiniLMEmbedder.defaultMaxBatchTokens
        let bfloat16 = (try? MatmulPrecision.bfloat16.resolved()) != nil
        var precisions: [MatmulPrecision] = []
        for name in (options["precision"] ?? (bfloat16 ? "bf16,fp32" : "fp32")).split(separator: ",") {
            switch name {
            case "bf16": precisions.append(.bfloat16)
            case "fp32": precisions.append(.float32)
            case "auto": precisions.append(.automatic)
            default:
                print("unknown precision \(name): use bf16, fp32 or auto")
                exit(2)
            }
        }
        precisions = try precisions.map { p throws(EmbeddingsError) in try p.resolved() }
        func label(_ p: MatmulPrecision) -> String { p == .bfloat16 ? "bf16" : "fp32" }

        let rows = try TSVTexts.read(path: tsv, textColumn: options["column"])
        let texts = rows.map(\.text)
        let weightsBytes = (try? FileManager.default.attributesOfItem(atPath: model + "/model.safetensors")[.size] as? Int) ?? 0

        // Memory first, before anything else allocates: the resident growth from loading the model
        // and embedding every text once on one thread, into an output buffer allocated beforehand.
        let output = UnsafeMutablePointer<Float>.allocate(capacity: texts.count * 384)
        output.initialize(repeating: 0, count: texts.count * 384)
        let rssBefore = Memory.residentBytes()
        let probe = try MiniLMEmbedder(modelDirectory: model, maxBatchTokens: batchTokens, precision: precisions[0])
        let rssLoaded = Memory.residentBytes()
        probe.encode(texts, into: output)
        let rssAfter = Memory.residentBytes()
        let grown = rssAfter.total - rssBefore.total
        print("weights file: \(weightsBytes) bytes")
        print("memory precision: \(label(probe.precision))")
        print("rss growth after load: \(rssLoaded.total - rssBefore.total) bytes")
        print("rss growth after embedding all texts once (1 thread): \(grown) bytes (file-backed \(rssAfter.file - rssBefore.file), anonymous \(rssAfter.anonymous - rssBefore.anonymous))")
        print("model resident: \(String(format: "%.3f", Double(grown) / Double(max(weightsBytes, 1)))) x weights file")
        output.deallocate()
        if options["touch-vocabulary"] == "1" {
            // Worst case: run every vocabulary id through the encoder, so every row of the
            // word-embedding table becomes resident.
            let size = probe.tokenizer.vocabularySize
            let chunks = stride(from: 0, to: size, by: 254).map { start in
                [probe.tokenizer.clsID] + (start..<min(start + 254, size)).map { Int32($0) } + [probe.tokenizer.sepID]
            }
            let sink = UnsafeMutablePointer<Float>.allocate(capacity: chunks.count * 384)
            let workspace = BertEncoder.Workspace()
            for batch in stride(from: 0, to: chunks.count, by: 2) {
                let part = Array(chunks[batch..<min(batch + 2, chunks.count)])
                probe.encoder.encode(part, into: sink, workspace: workspace)
            }
            sink.deallocate()
            let all = Memory.residentBytes()
            let worst = all.total - rssBefore.total
            print("rss growth after every vocabulary id went through the encoder: \(worst) bytes (file-backed \(all.file - rssBefore.file), anonymous \(all.anonymous - rssBefore.anonymous)) = \(String(format: "%.3f", Double(worst) / Double(max(weightsBytes, 1)))) x weights file")
        }

        let tokens = texts.reduce(0) { $0 + probe.tokenizer.encode($1).count }
        print("texts: \(texts.count)")
        print("tokens: \(tokens) (mean \(String(format: "%.1f", Double(tokens) / Double(max(texts.count, 1)))) per text, [CLS]/[SEP] included)")

        let referenceData = reference.isEmpty ? nil : FileManager.default.contents(atPath: reference)
        for precision in precisions {
            var vectors: [[Float]] = []
            for threads in threadCounts {
                let embedder = try MiniLMEmbedder(
                    modelDirectory: model, threads: threads, maxBatchTokens: batchTokens, precision: precision)
                var best = Double.infinity
                var bestCPU = Double.infinity
                for _ in 0..<max(repeats, 1) {
                    let cpu0 = Memory.cpuSeconds()
                    let start = ContinuousClock.now
                    vectors = embedder.encode(texts)
                    let elapsed = ContinuousClock.now - start
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                    best = min(best, seconds)
                    bestCPU = min(bestCPU, Memory.cpuSeconds() - cpu0)
                }
                print("native-\(label(precision)) threads=\(threads): \(String(format: "%.3f", best)) s, \(String(format: "%.1f", Double(texts.count) / best)) sentences/s (best of \(repeats), batches of at most \(batchTokens) tokens; process CPU \(String(format: "%.3f", bestCPU)) s = \(String(format: "%.1f", Double(texts.count) / bestCPU)) sentences per CPU-second)")
            }

            if let data = referenceData, data.count == texts.count * 384 * 4 {
                var worst = 1.0
                var sum = 0.0
                data.withUnsafeBytes { raw in
                    let ref = raw.bindMemory(to: Float.self)
                    for (i, v) in vectors.enumerated() {
                        var dot = 0.0
                        for j in 0..<384 { dot += Double(v[j]) * Double(ref[i * 384 + j]) }
                        worst = min(worst, dot)
                        sum += dot
                    }
                }
                print("native-\(label(precision)) reference cosine: min \(String(format: "%.7f", worst)), mean \(String(format: "%.7f", sum / Double(vectors.count)))")
            }
        }

        withExtendedLifetime(probe) {}
    }
}

/// Resident memory from /proc/self/status (Linux), and process CPU time.
enum Memory {
    /// User + system CPU time of the whole process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }

    struct Resident {
        var total = 0
        var file = 0
        var anonymous = 0
    }

    static func residentBytes() -> Resident {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return Resident() }
        var r = Resident()
        for line in status.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let kb = Int(parts[1]) else { continue }
            switch parts[0] {
            case "VmRSS:": r.total = kb * 1024
            case "RssFile:": r.file = kb * 1024
            case "RssAnon:": r.anonymous = kb * 1024
            default: break
            }
        }
        return r
    }
}
