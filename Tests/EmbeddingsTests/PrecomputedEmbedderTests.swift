import Embeddings
import Foundation
import Testing

@Suite struct PrecomputedEmbedderTests {
    static let products = Fixtures.minilmShared + "/reference/online_retail_products.tsv"
    static let vectors = Fixtures.minilmShared + "/reference/online_retail_products.3922x384.f32"
    static var hasProducts: Bool {
        FileManager.default.fileExists(atPath: products) && FileManager.default.fileExists(atPath: vectors)
    }

    @Test func looksUpKnownTextsAndRejectsOthers() async throws {
        let e = try PrecomputedEmbedder(dimension: 2, vectors: ["a": [1, 0], "b": [0, 1]])
        #expect(try await e.embed(["b", "a"]) == [[0, 1], [1, 0]])
        do {
            _ = try await e.embed(["c"])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unknownText)
        }
        #expect(throws: EmbeddingsError.self) { try PrecomputedEmbedder(dimension: 3, vectors: ["a": [1, 0]]) }
    }

    @Test(.enabled(if: hasProducts, "needs ../shared/datasets/minilm-l6-v2/reference"))
    func loadsTheProductVectors() async throws {
        let e = try PrecomputedEmbedder(tsvPath: Self.products, textColumn: "Description", vectorsPath: Self.vectors, dimension: 384)
        let v = try await e.embed(["INFLATABLE POLITICAL GLOBE"])[0]
        #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
        #expect(throws: EmbeddingsError.self) {
            try PrecomputedEmbedder(tsvPath: Self.products, textColumn: "Description", vectorsPath: Self.vectors, dimension: 100)
        }
    }

    @Test(.enabled(if: hasProducts && Fixtures.hasModel, "needs ../shared/datasets/minilm-l6-v2 and the weights"))
    func nativeAgreesWithThePrecomputedProductVectors() async throws {
        let rows = try TSVTexts.read(path: Self.products, textColumn: "Description")
        let sample = stride(from: 0, to: rows.count, by: 97).map { rows[$0].text }
        let providers: [any Embedder] = [
            try MiniLMEmbedder(modelDirectory: Fixtures.modelDirectory),
            try PrecomputedEmbedder(tsvPath: Self.products, textColumn: "Description", vectorsPath: Self.vectors, dimension: 384),
        ]
        let native = try await providers[0].embed(sample)
        let reference = try await providers[1].embed(sample)
        for i in sample.indices { #expect(Fixtures.cosine(native[i], reference[i]) >= 0.9999) }
    }
}

@Suite struct TSVTextsTests {
    @Test func readsKeysAndTheChosenColumn() throws {
        let path = try Fixtures.temporaryDirectory() + "/t.tsv"
        try "id\tname\tdescription\r\n1\tA\tred mug\r\n2\tB\t\n".write(toFile: path, atomically: true, encoding: .utf8)
        let rows = try TSVTexts.read(path: path)
        #expect(rows == [TSVTexts.Row(key: "1", text: "red mug"), TSVTexts.Row(key: "2", text: "")])
        #expect(try TSVTexts.read(path: path, textColumn: "name").map(\.text) == ["A", "B"])
        #expect(throws: EmbeddingsError.self) { try TSVTexts.read(path: path, textColumn: "price") }
        #expect(throws: EmbeddingsError.self) { try TSVTexts.read(path: path + ".missing") }
    }

    @Test func shortRowIsAnErrorWithItsLine() throws {
        let path = try Fixtures.temporaryDirectory() + "/t.tsv"
        try "id\tdescription\n1\tok\n2\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try TSVTexts.read(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .badInput)
            #expect(error.message.contains(":3:"))
        }
    }
}

@Suite struct BatchPlanTests {
    @Test func batchesCoverEveryTextWithinTheBudget() {
        let lengths = [5, 300, 7, 7, 2, 40, 1000, 9]
        let batches = MiniLMEmbedder.plan(lengths: lengths, maxTokens: 64)
        #expect(batches.flatMap { $0 }.sorted() == Array(lengths.indices))
        for b in batches where b.count > 1 { #expect(b.reduce(0) { $0 + lengths[$1] } <= 64) }
        // A text longer than the budget forms a batch of its own.
        #expect(batches.contains([6]))
    }
}
