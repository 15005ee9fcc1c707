import VectorKernels

/// A BERT encoder run on BLAS, producing mean-pooled, L2-normalised sentence vectors.
///
/// A batch is packed: the tokens of all its sequences are stacked into one `T × hidden`
/// matrix, so every linear layer is one `sgemm` over the whole batch. Attention runs per
/// sequence and head on that sequence's rows only, which is exactly what padding to the
/// longest sequence plus an attention mask computes, without the padded rows. Pooling
/// averages each sequence's own (real) tokens.
///
/// Immutable after loading, so one encoder serves any number of threads.
public final class BertEncoder: Sendable {
    /// The model's sizes.
    public let config: BertConfig
    /// The arithmetic of the linear layers: `.float32` or `.bfloat16` (never `.automatic`).
    public let precision: MatmulPrecision
    let weights: BertWeights

    /// Loads the encoder from a safetensors file whose tensors match `config`.
    ///
    /// - Parameter precision: the linear layers' arithmetic; `.automatic` picks `.bfloat16` when
    ///   the CPU has AVX-512 BF16 (the weights are then packed to bfloat16 once, here).
    /// - Throws: `.badModelFile` when a tensor is absent or has the wrong dtype or shape;
    ///   `.unsupportedPrecision` for `.bfloat16` on a CPU without AVX-512 BF16.
    public init(
        weights file: SafeTensorsFile, config: BertConfig, precision: MatmulPrecision = .automatic
    ) throws(EmbeddingsError) {
        self.config = config
        self.precision = try precision.resolved()
        self.weights = try BertWeights(file: file, config: config, precision: self.precision)
    }

    /// The output dimension.
    public var dimension: Int { config.hiddenSize }

    /// Encodes a batch of token-id sequences and writes one unit vector per sequence to
    /// `output` (row-major, `sequences.count × dimension`).
    ///
    /// Every sequence must be non-empty, no longer than `config.maxPositions`, with ids below
    /// `config.vocabularySize`; ids out of range are read as id 0 (`[PAD]`).
    /// - Complexity: O(T·layers·hidden·intermediate + Σ L²·hidden) for T tokens in all.
    /// - Parameter workspace: scratch memory to reuse across calls on one thread; `nil` allocates
    ///   a temporary one.
    public func encode(
        _ sequences: [[Int32]], into output: UnsafeMutablePointer<Float>, workspace: Workspace? = nil
    ) {
        let c = config
        let hidden = c.hiddenSize
        var offsets: [Int] = [0]
        for s in sequences { offsets.append(offsets.last! + min(max(s.count, 1), c.maxPositions)) }
        let total = offsets.last!
        guard total > 0 else { return }
        let longest = zip(offsets.dropFirst(), offsets).map { $0 - $1 }.max() ?? 1

        let space = workspace ?? Workspace()
        let base = space.reserve(total * (5 * hidden + c.intermediateSize) + longest * longest)
        let x = base
        let qkv = x + total * hidden
        let context = qkv + total * 3 * hidden
        let wide = context + total * hidden
        let scores = wide + total * c.intermediateSize
        // bfloat16 copies of a linear layer's input (the widest input is the FFN's).
        let halves = precision == .bfloat16 ? space.reserveHalves(total * 2 * ((c.intermediateSize + 1) / 2)) : nil

        embed(sequences, offsets: offsets, into: x)
        for layer in weights.layers {
            Kernels.linear(x, rows: total, layer.queryKeyValue, into: qkv, scratch: halves)
            for s in 0..<sequences.count {
                let start = offsets[s]
                let length = offsets[s + 1] - start
                attend(qkv, start: start, length: length, scores: scores, into: context)
            }
            // The projections below reuse `qkv` as scratch.
            let q = qkv
            Kernels.linear(context, rows: total, layer.attentionOutput, into: q, scratch: halves)
            Kernels.addLayerNorm(x, q, rows: total, width: hidden, layer.attentionNorm, epsilon: c.layerNormEpsilon)
            Kernels.linear(x, rows: total, layer.intermediate, into: wide, scratch: halves)
            Kernels.gelu(wide, count: total * c.intermediateSize)
            Kernels.linear(wide, rows: total, layer.output, into: q, scratch: halves)
            Kernels.addLayerNorm(x, q, rows: total, width: hidden, layer.outputNorm, epsilon: c.layerNormEpsilon)
        }
        for s in 0..<sequences.count {
            Kernels.meanPoolNormalized(
                x + offsets[s] * hidden, rows: offsets[s + 1] - offsets[s], width: hidden, into: output + s * hidden)
        }
    }

    /// Scratch memory for ``encode(_:into:workspace:)``, grown on demand and reused, so that a
    /// worker thread does not map and zero fresh pages for every batch. Use one per thread.
    public final class Workspace {
        private var buffer: UnsafeMutablePointer<Float>?
        private var capacity = 0
        private var halves: UnsafeMutablePointer<UInt16>?
        private var halvesCapacity = 0

        public init() {}

        /// A buffer of at least `count` floats, valid until the next call.
        func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
            if let buffer, capacity >= count { return buffer }
            buffer?.deallocate()
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            buffer = p
            capacity = count
            return p
        }

        /// A buffer of at least `count` 16-bit values (64-byte aligned), valid until the next call.
        func reserveHalves(_ count: Int) -> UnsafeMutablePointer<UInt16> {
            if let halves, halvesCapacity >= count { return halves }
            halves?.deallocate()
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 2, alignment: 64)
            let p = raw.bindMemory(to: UInt16.self, capacity: max(count, 1))
            halves = p
            halvesCapacity = count
            return p
        }

        deinit {
            buffer?.deallocate()
            halves?.deallocate()
        }
    }

    /// Word + position + token-type-0 embeddings, then LayerNorm, for every packed token.
    private func embed(_ sequences: [[Int32]], offsets: [Int], into x: UnsafeMutablePointer<Float>) {
        let hidden = config.hiddenSize
        let vocabulary = config.vocabularySize
        let w = weights
        for (s, ids) in sequences.enumerated() {
            let length = offsets[s + 1] - offsets[s]
            for p in 0..<length {
                var id = p < ids.count ? Int(ids[p]) : 0
                if id < 0 || id >= vocabulary { id = 0 }
                let row = x + (offsets[s] + p) * hidden
                let word = w.wordEmbeddings + id * hidden
                let position = w.positionEmbeddings + p * hidden
                for j in 0..<hidden { row[j] = word[j] + position[j] + w.typeEmbeddings[j] }
            }
        }
        Kernels.layerNorm(x, rows: offsets.last!, width: hidden, w.embeddingNorm, epsilon: config.layerNormEpsilon)
    }

    /// Scaled dot-product attention of one sequence, all heads, written into `context`.
    /// `qkv` holds, per token, the query, key and value rows side by side (`3 × hidden` wide).
    private func attend(
        _ qkv: UnsafeMutablePointer<Float>, start: Int, length: Int, scores: UnsafeMutablePointer<Float>,
        into context: UnsafeMutablePointer<Float>
    ) {
        let hidden = config.hiddenSize
        let stride = 3 * hidden
        let d = config.headSize
        let scale = 1 / Float(d).squareRoot()
        for h in 0..<config.headCount {
            let q = qkv + start * stride + h * d
            BLAS.gemm(
                .none, .transpose, m: length, n: length, k: d, alpha: scale,
                a: q, lda: stride, b: q + hidden, ldb: stride, c: scores, ldc: length)
            Kernels.softmaxRows(scores, rows: length, width: length)
            BLAS.gemm(
                .none, .none, m: length, n: d, k: length,
                a: scores, lda: length, b: q + 2 * hidden, ldb: stride, c: context + start * hidden + h * d, ldc: hidden)
        }
    }
}
