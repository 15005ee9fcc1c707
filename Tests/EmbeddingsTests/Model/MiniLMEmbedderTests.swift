import Embeddings
import Foundation
import Testing

@Suite struct MiniLMEmbedderTests {
    @Test func missingWeightsNameTheFetchCommand() throws {
        let dir = try Fixtures.temporaryDirectory()
        do {
            _ = try MiniLMEmbedder(modelDirectory: dir)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .modelMissing)
            #expect(error.message.contains("ignitabull model fetch"))
        }
    }

    /// Whether `precision` runs here; prints one line when it does not.
    static func available(_ precision: MatmulPrecision) -> Bool {
        if (try? precision.resolved()) != nil { return true }
        print("skipped: \(precision) matmuls need a CPU with AVX-512 BF16")
        return false
    }

    @Test func precisionResolvesForThisCPU() throws {
        #expect(try MatmulPrecision.float32.resolved() == .float32)
        let automatic = try MatmulPrecision.automatic.resolved()
        do {
            #expect(try MatmulPrecision.bfloat16.resolved() == .bfloat16)
            #expect(automatic == .bfloat16)
        } catch {
            #expect(error.code == .unsupportedPrecision)
            #expect(automatic == .float32)
        }
    }

    @Test(
        .enabled(if: Fixtures.hasModel, "needs ../shared/datasets/minilm-l6-v2 and the weights (scripts/fetch-model)"),
        arguments: [MatmulPrecision.float32, .bfloat16])
    func goldenEmbeddingsMatchTheReference(precision: MatmulPrecision) throws {
        guard Self.available(precision) else { return }
        let embedder = try MiniLMEmbedder(modelDirectory: Fixtures.modelDirectory, precision: precision)
        #expect(embedder.precision == precision)
        let golden = try Fixtures.golden()
        #expect(golden.count == 87)
        // The whole set in batches (packed, mixed lengths) ...
        let vectors = embedder.encode(golden.map(\.text))
        var worst = 1.0
        for (g, v) in zip(golden, vectors) {
            #expect(embedder.tokenizer.encode(g.text) == g.ids)
            let c = Fixtures.cosine(v, g.embedding)
            worst = min(worst, c)
            #expect(c >= 0.9999, "cosine \(c) for \(g.text.prefix(60))")
        }
        print("MiniLM golden (\(precision)): worst cosine \(worst) over \(golden.count) texts")
        // ... agrees with one text at a time.
        for i in [0, 3, 86] {
            let single = embedder.encode([golden[i].text])[0]
            #expect(Fixtures.cosine(single, vectors[i]) > 0.99999)
        }
    }

    @Test(
        .enabled(if: Fixtures.hasModel, "needs ../shared/datasets/minilm-l6-v2 and the weights (scripts/fetch-model)"),
        arguments: [MatmulPrecision.float32, .bfloat16])
    func twoThreadsAndSmallBatchesGiveTheSameVectors(precision: MatmulPrecision) async throws {
        guard Self.available(precision) else { return }
        let texts = try Fixtures.golden().prefix(40).map(\.text)
        let one = try MiniLMEmbedder(modelDirectory: Fixtures.modelDirectory, threads: 1, precision: precision)
        let two = try MiniLMEmbedder(
            modelDirectory: Fixtures.modelDirectory, threads: 2, maxBatchTokens: 64, precision: precision)
        let done = ProgressLog()
        let a = one.encode(texts)
        let b = two.encode(texts) { finished, total in done.record(finished, total) }
        let c = try await two.embed(texts)
        for i in texts.indices {
            #expect(Fixtures.cosine(a[i], b[i]) > 0.99999)
            #expect(b[i] == c[i])
            #expect(abs(a[i].reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
        }
        #expect(done.last == texts.count)
    }

    @Test(.enabled(if: Fixtures.hasModel, "needs ../shared/datasets/minilm-l6-v2 and the weights (scripts/fetch-model)"))
    func bfloat16StaysCloseToFloat32() throws {
        guard Self.available(.bfloat16) else { return }
        let texts = try Fixtures.golden().prefix(12).map(\.text)
        let a = try MiniLMEmbedder(modelDirectory: Fixtures.modelDirectory, precision: .float32).encode(texts)
        let b = try MiniLMEmbedder(modelDirectory: Fixtures.modelDirectory, precision: .bfloat16).encode(texts)
        for i in texts.indices {
            let c = Fixtures.cosine(a[i], b[i])
            #expect(c > 0.9999 && c < 1 - 1e-9, "cosine \(c): bfloat16 should differ from float32 a little")
        }
    }
}

/// Collects progress callbacks from worker threads.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var maxDone = 0
    func record(_ done: Int, _ total: Int) {
        lock.lock()
        maxDone = max(maxDone, done)
        lock.unlock()
    }
    var last: Int {
        lock.lock()
        defer { lock.unlock() }
        return maxDone
    }
}

@Suite struct ModelStoreTests {
    @Test(.enabled(if: ModelStore.isComplete(Fixtures.modelDirectory), "needs the weights (scripts/fetch-model)"))
    func fetchIsANoOpWhenTheCachedWeightsHaveTheRightHash() throws {
        // Nothing is fetched, so a transport that fails proves no request was made.
        let offline = ModelTransport(
            text: { url in throw EmbeddingsError(.fetchFailed, "no network in this test: \(url)") },
            download: { url, _ in throw EmbeddingsError(.fetchFailed, "no network in this test: \(url)") })
        #expect(try ModelStore.fetch(into: Fixtures.modelDirectory, transport: offline) == false)
    }

    @Test func missingMessageNamesTheCommand() {
        #expect(ModelStore.missingMessage(directory: "/m", file: "vocab.txt").contains("ignitabull model fetch"))
        #expect(!ModelStore.defaultCacheDirectory.isEmpty)
    }
}
