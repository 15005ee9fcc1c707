import VectorKernels

/// Pointers to every tensor of a BERT encoder, resolved once from a ``SafeTensorsFile``.
///
/// Tensors are read in place from the memory map; a tensor that is not 4-byte aligned is
/// copied into memory owned here, and so are the stacked query/key/value projections (whose
/// mapped originals are then dropped from memory). Linear weights keep PyTorch's `[out, in]` layout, so a
/// layer is `y = x · Wᵀ + b`, one `sgemm` with the second operand transposed.
///
/// With `.bfloat16` precision every linear weight is instead rounded and packed once into a
/// ``BFloat16Matrix`` (half the bytes), and its mapped float32 pages are dropped from memory.
struct BertWeights: @unchecked Sendable {
    struct Linear {
        /// The float32 weight (`nil` when the layer runs in bfloat16).
        var weight: UnsafePointer<Float>?
        /// The packed bfloat16 weight (`nil` when the layer runs in float32).
        var packed: BFloat16Matrix?
        var bias: UnsafePointer<Float>
        var outputs: Int
        var inputs: Int
    }

    struct Norm {
        var gain: UnsafePointer<Float>
        var bias: UnsafePointer<Float>
    }

    struct Layer {
        /// Query, key and value stacked into one `[3·hidden, hidden]` projection, so that one
        /// `sgemm` computes all three (rows `0..<h` are the query, then key, then value).
        var queryKeyValue: Linear
        var attentionOutput: Linear
        var attentionNorm: Norm
        var intermediate: Linear
        var output: Linear
        var outputNorm: Norm
    }

    var wordEmbeddings: UnsafePointer<Float>
    var positionEmbeddings: UnsafePointer<Float>
    var typeEmbeddings: UnsafePointer<Float>
    var embeddingNorm: Norm
    var layers: [Layer]
    /// Keeps the map alive for as long as the pointers are used.
    let file: SafeTensorsFile
    /// Copies of tensors that were not aligned in the file (empty for well-formed files).
    private let copies: [OwnedFloats]

    final class OwnedFloats: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<Float>
        init(_ values: [Float]) {
            pointer = .allocate(capacity: max(values.count, 1))
            pointer.initialize(from: values, count: values.count)
        }
        deinit { pointer.deallocate() }
    }

    /// - Parameter precision: `.float32` or `.bfloat16` (already resolved).
    /// - Throws: `.badModelFile` when a tensor is absent or has the wrong dtype or shape.
    init(file: SafeTensorsFile, config c: BertConfig, precision: MatmulPrecision) throws(EmbeddingsError) {
        self.file = file
        let bfloat16 = precision == .bfloat16
        // Some exports prefix every name with "bert.".
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil ? "bert." : ""
        var copies: [OwnedFloats] = []
        func tensor(_ name: String, _ shape: [Int]) throws(EmbeddingsError) -> UnsafePointer<Float> {
            if let p = try file.alignedFloats(prefix + name, shape: shape) { return p }
            let owned = OwnedFloats(try file.floats(prefix + name, shape: shape))
            copies.append(owned)
            return UnsafePointer(owned.pointer)
        }
        func linear(_ name: String, out: Int, in inputs: Int) throws(EmbeddingsError) -> Linear {
            let bias = try tensor(name + ".bias", [out])
            guard bfloat16 else {
                return Linear(
                    weight: try tensor(name + ".weight", [out, inputs]), packed: nil, bias: bias, outputs: out,
                    inputs: inputs)
            }
            let packed: BFloat16Matrix
            if let p = try file.alignedFloats(prefix + name + ".weight", shape: [out, inputs]) {
                packed = BFloat16Matrix(packing: p, outputs: out, inputs: inputs)
            } else {
                let values = try file.floats(prefix + name + ".weight", shape: [out, inputs])
                packed = BFloat16Matrix(packing: values, outputs: out, inputs: inputs)
            }
            file.releasePages(of: prefix + name + ".weight")
            return Linear(weight: nil, packed: packed, bias: bias, outputs: out, inputs: inputs)
        }
        func norm(_ name: String) throws(EmbeddingsError) -> Norm {
            Norm(gain: try tensor(name + ".weight", [c.hiddenSize]), bias: try tensor(name + ".bias", [c.hiddenSize]))
        }
        let h = c.hiddenSize
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [c.maxPositions, h])
        typeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h])
        embeddingNorm = try norm("embeddings.LayerNorm")
        var layers: [Layer] = []
        for i in 0..<c.layerCount {
            let p = "encoder.layer.\(i)."
            // Stack Q, K and V, then drop the mapped originals so they are not resident twice.
            let names = ["query", "key", "value"].map { p + "attention.self." + $0 }
            var stackedWeight: [Float] = []
            var stackedBias: [Float] = []
            stackedWeight.reserveCapacity(3 * h * h)
            for name in names {
                stackedWeight += try file.floats(prefix + name + ".weight", shape: [h, h])
                stackedBias += try file.floats(prefix + name + ".bias", shape: [h])
                file.releasePages(of: prefix + name + ".weight")
            }
            let bias = OwnedFloats(stackedBias)
            copies.append(bias)
            var queryKeyValue = Linear(
                weight: nil, packed: nil, bias: UnsafePointer(bias.pointer), outputs: 3 * h, inputs: h)
            if bfloat16 {
                queryKeyValue.packed = BFloat16Matrix(packing: stackedWeight, outputs: 3 * h, inputs: h)
            } else {
                let weight = OwnedFloats(stackedWeight)
                copies.append(weight)
                queryKeyValue.weight = UnsafePointer(weight.pointer)
            }
            layers.append(
                Layer(
                    queryKeyValue: queryKeyValue,
                    attentionOutput: try linear(p + "attention.output.dense", out: h, in: h),
                    attentionNorm: try norm(p + "attention.output.LayerNorm"),
                    intermediate: try linear(p + "intermediate.dense", out: c.intermediateSize, in: h),
                    output: try linear(p + "output.dense", out: h, in: c.intermediateSize),
                    outputNorm: try norm(p + "output.LayerNorm")))
        }
        self.layers = layers
        self.copies = copies
    }
}
