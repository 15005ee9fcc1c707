import Foundation

/// An ``Embedder`` that looks texts up in a table of vectors computed elsewhere.
///
/// Useful when embeddings come from another system, and for tests. Texts are matched exactly.
public struct PrecomputedEmbedder: Embedder {
    public let dimension: Int
    private let vectors: [String: [Float]]

    /// - Throws: `.badInput` when a vector's length differs from `dimension`.
    public init(dimension: Int, vectors: [String: [Float]]) throws(EmbeddingsError) {
        for (text, vector) in vectors where vector.count != dimension {
            throw EmbeddingsError(.badInput, "vector for \"\(text)\" has \(vector.count) values, expected \(dimension)")
        }
        self.dimension = dimension
        self.vectors = vectors
    }

    /// Loads texts from column `textColumn` of a TSV with a header row, and their vectors from a
    /// raw little-endian float32 file of `rows × dimension` values in the same row order.
    ///
    /// - Throws: `.io` when a file cannot be read, `.badInput` when the row counts disagree.
    public init(tsvPath: String, textColumn: String, vectorsPath: String, dimension: Int) throws(EmbeddingsError) {
        let rows = try TSVTexts.read(path: tsvPath, textColumn: textColumn)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: vectorsPath))
        } catch {
            throw EmbeddingsError(.io, "cannot read \(vectorsPath): \(error.localizedDescription)")
        }
        guard dimension > 0, data.count == rows.count * dimension * 4 else {
            throw EmbeddingsError(
                .badInput, "\(vectorsPath) has \(data.count) bytes, expected \(rows.count) × \(dimension) float32")
        }
        var table: [String: [Float]] = [:]
        data.withUnsafeBytes { raw in
            for (i, row) in rows.enumerated() {
                table[row.text] = (0..<dimension).map { j in
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: (i * dimension + j) * 4, as: UInt32.self)))
                }
            }
        }
        try self.init(dimension: dimension, vectors: table)
    }

    public func embed(_ texts: [String]) async throws(EmbeddingsError) -> [[Float]] {
        var out: [[Float]] = []
        out.reserveCapacity(texts.count)
        for text in texts {
            guard let v = vectors[text] else { throw EmbeddingsError(.unknownText, "no precomputed vector for \"\(text)\"") }
            out.append(v)
        }
        return out
    }
}
