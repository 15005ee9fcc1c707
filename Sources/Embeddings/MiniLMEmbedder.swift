import Dispatch
import Foundation
import Synchronization

/// The native all-MiniLM-L6-v2 sentence embedder: WordPiece tokenizer + 6-layer BERT encoder on
/// BLAS or AVX-512 BF16 + mean pooling + L2 normalisation, from a model directory holding `config.json`,
/// `vocab.txt` and `model.safetensors`.
///
/// Texts are tokenized, sorted by length and packed into batches of at most `maxBatchTokens`
/// tokens; with `threads > 1`, worker threads take batches in turn (OpenBLAS itself stays on
/// one thread per call). Immutable, so one instance can be shared freely.
public final class MiniLMEmbedder: Embedder {
    /// The tokenizer built from `vocab.txt`.
    public let tokenizer: WordPieceTokenizer
    /// The encoder built from `config.json` and `model.safetensors`.
    public let encoder: BertEncoder
    /// How many batches run at once.
    public let threads: Int
    /// The most tokens packed into one batch.
    public let maxBatchTokens: Int
    /// The arithmetic of the linear layers in use (`.float32` or `.bfloat16`).
    public var precision: MatmulPrecision { encoder.precision }
    /// The default token budget of a batch: large enough for efficient matmuls, small enough to
    /// keep a batch's activations (about 14 KiB per token) near 7 MiB.
    public static let defaultMaxBatchTokens = 512

    /// Loads the model from `modelDirectory`.
    ///
    /// - Parameters:
    ///   - threads: worker threads for ``encode(_:progress:)``, at least 1.
    ///   - maxBatchTokens: token budget of one batch (a longer single text still forms its own batch).
    ///   - precision: the arithmetic of the linear layers; `.automatic` (the default) is bfloat16 on
    ///     CPUs with AVX-512 BF16, float32 elsewhere. See ``MatmulPrecision``.
    /// - Throws: `.modelMissing` (with the fetch command in the message) when a file is absent;
    ///   `.badConfig`, `.badVocabulary` or `.badModelFile` when one is malformed;
    ///   `.unsupportedPrecision` for `.bfloat16` on a CPU without AVX-512 BF16.
    public init(
        modelDirectory: String, threads: Int = 1, maxBatchTokens: Int = defaultMaxBatchTokens,
        precision: MatmulPrecision = .automatic
    ) throws(EmbeddingsError) {
        guard threads >= 1, maxBatchTokens >= 1 else {
            throw EmbeddingsError(.badInput, "threads and maxBatchTokens must be at least 1")
        }
        let precision = try precision.resolved()
        let fm = FileManager.default
        for name in ["config.json", "vocab.txt", "model.safetensors"] {
            let path = modelDirectory + "/" + name
            guard fm.fileExists(atPath: path) else {
                throw EmbeddingsError(.modelMissing, ModelStore.missingMessage(directory: modelDirectory, file: name))
            }
        }
        guard let configData = fm.contents(atPath: modelDirectory + "/config.json") else {
            throw EmbeddingsError(.io, "cannot read \(modelDirectory)/config.json")
        }
        guard let vocabData = fm.contents(atPath: modelDirectory + "/vocab.txt"),
            let vocabulary = String(data: vocabData, encoding: .utf8)
        else {
            throw EmbeddingsError(.badVocabulary, "cannot read \(modelDirectory)/vocab.txt as UTF-8")
        }
        let config = try BertConfig(json: [UInt8](configData))
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary, maxLength: min(256, config.maxPositions))
        guard tokenizer.vocabularySize == config.vocabularySize else {
            throw EmbeddingsError(
                .badVocabulary,
                "vocab.txt has \(tokenizer.vocabularySize) tokens but config.json says \(config.vocabularySize)")
        }
        let file = try SafeTensorsFile(path: modelDirectory + "/model.safetensors")
        self.encoder = try BertEncoder(weights: file, config: config, precision: precision)
        self.tokenizer = tokenizer
        self.threads = threads
        self.maxBatchTokens = maxBatchTokens
    }

    public var dimension: Int { encoder.dimension }

    public func embed(_ texts: [String]) async throws(EmbeddingsError) -> [[Float]] {
        encode(texts)
    }

    /// One unit vector per text, in order.
    ///
    /// - Parameter progress: called after each batch with (texts done, texts in all), from a
    ///   worker thread.
    /// - Complexity: O(T·layers·hidden·intermediate) for T tokens in all, divided over `threads`.
    public func encode(_ texts: [String], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [[Float]] {
        let d = dimension
        var flat = [Float](repeating: 0, count: texts.count * d)
        flat.withUnsafeMutableBufferPointer { encode(texts, into: $0.baseAddress!, progress: progress) }
        return (0..<texts.count).map { Array(flat[($0 * d)..<(($0 + 1) * d)]) }
    }

    /// Writes one unit vector per text into `output` (row-major, `texts.count × dimension`).
    public func encode(
        _ texts: [String], into output: UnsafeMutablePointer<Float>, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        guard !texts.isEmpty else { return }
        let sequences = texts.map { tokenizer.encode($0) }
        let batches = Self.plan(lengths: sequences.map(\.count), maxTokens: maxBatchTokens)
        let d = dimension
        let encoder = self.encoder
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let out = SendablePointer(pointer: output)
        let total = texts.count
        let work = { @Sendable () -> Void in
            var scratch: [Float] = []
            let workspace = BertEncoder.Workspace()
            while true {
                let b = next.add(1, ordering: .relaxed).oldValue
                guard b < batches.count else { return }
                let members = batches[b]
                if scratch.count < members.count * d { scratch = [Float](repeating: 0, count: members.count * d) }
                scratch.withUnsafeMutableBufferPointer { buffer in
                    encoder.encode(members.map { sequences[$0] }, into: buffer.baseAddress!, workspace: workspace)
                    for (row, index) in members.enumerated() {
                        (out.pointer + index * d).update(from: buffer.baseAddress! + row * d, count: d)
                    }
                }
                let finished = done.add(members.count, ordering: .relaxed).newValue
                progress?(finished, total)
            }
        }
        let workers = min(threads, batches.count)
        if workers <= 1 {
            work()
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in work() }
        }
    }

    /// Groups text indices into batches: sorted by length, packed up to `maxTokens` tokens each.
    package static func plan(lengths: [Int], maxTokens: Int) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] < lengths[$1] }
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for i in order {
            if !current.isEmpty && tokens + lengths[i] > maxTokens {
                batches.append(current)
                current = []
                tokens = 0
            }
            current.append(i)
            tokens += lengths[i]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}

/// A pointer handed to worker threads that write disjoint rows.
private struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
}
