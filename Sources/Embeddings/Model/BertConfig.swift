import Foundation

/// The shape of a BERT encoder, read from a Hugging Face `config.json`.
public struct BertConfig: Sendable, Equatable {
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var vocabularySize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float

    /// The sizes of all-MiniLM-L6-v2.
    public static let miniLML6 = BertConfig(
        hiddenSize: 384, layerCount: 6, headCount: 12, intermediateSize: 1536, vocabularySize: 30522,
        maxPositions: 512, typeVocabularySize: 2, layerNormEpsilon: 1e-12)

    public init(
        hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int, vocabularySize: Int,
        maxPositions: Int, typeVocabularySize: Int, layerNormEpsilon: Float
    ) {
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
    }

    /// Parses a `config.json`.
    ///
    /// - Throws: `.badConfig` when the JSON is malformed, a size is missing or not positive, the
    ///   hidden size is not a multiple of the head count, or the activation is not exact GELU.
    public init(json bytes: [UInt8]) throws(EmbeddingsError) {
        let json = Data(bytes)
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
                throw EmbeddingsError(.badConfig, "config.json is not a JSON object")
            }
            object = parsed
        } catch let error as EmbeddingsError {
            throw error
        } catch {
            throw EmbeddingsError(.badConfig, "config.json is not valid JSON")
        }
        func int(_ key: String) throws(EmbeddingsError) -> Int {
            guard let n = (object[key] as? NSNumber)?.intValue, n > 0 else {
                throw EmbeddingsError(.badConfig, "config.json: \(key) is missing or not a positive integer")
            }
            return n
        }
        if let act = object["hidden_act"] as? String, act != "gelu" {
            throw EmbeddingsError(.badConfig, "config.json: hidden_act \(act) is not supported (only exact gelu)")
        }
        if let kind = object["position_embedding_type"] as? String, kind != "absolute" {
            throw EmbeddingsError(.badConfig, "config.json: position_embedding_type \(kind) is not supported")
        }
        self.init(
            hiddenSize: try int("hidden_size"), layerCount: try int("num_hidden_layers"),
            headCount: try int("num_attention_heads"), intermediateSize: try int("intermediate_size"),
            vocabularySize: try int("vocab_size"), maxPositions: try int("max_position_embeddings"),
            typeVocabularySize: try int("type_vocab_size"),
            layerNormEpsilon: (object["layer_norm_eps"] as? NSNumber)?.floatValue ?? 1e-12)
        guard hiddenSize % headCount == 0 else {
            throw EmbeddingsError(.badConfig, "config.json: hidden_size \(hiddenSize) is not a multiple of \(headCount) heads")
        }
    }

    /// The width of one attention head.
    public var headSize: Int { hiddenSize / headCount }
}
