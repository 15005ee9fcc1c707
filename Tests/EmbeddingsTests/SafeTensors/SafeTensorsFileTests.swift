import Embeddings
import Foundation
import Testing

@Suite struct SafeTensorsFileTests {
    /// Writes a safetensors file with the given header JSON and data bytes.
    func write(header: String, data: [UInt8]) throws -> String {
        let path = try Fixtures.temporaryDirectory() + "/t.safetensors"
        var bytes: [UInt8] = []
        var length = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header.utf8)
        bytes.append(contentsOf: data)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { v -> [UInt8] in
            let b = v.bitPattern.littleEndian
            return [UInt8(b & 0xFF), UInt8((b >> 8) & 0xFF), UInt8((b >> 16) & 0xFF), UInt8(b >> 24)]
        }
    }

    @Test func readsTensorsAndMetadata() throws {
        let header = #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"#
            + #""b":{"dtype":"F32","shape":[3],"data_offsets":[16,28]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        let path = try write(header: padded, data: floatBytes([1, 2, 3, 4, -1, 0.5, 7]))
        let file = try SafeTensorsFile(path: path)
        #expect(file.metadata["format"] == "pt")
        #expect(file.tensors["a"]?.shape == [2, 2])
        #expect(try file.floats("a", shape: [2, 2]) == [1, 2, 3, 4])
        #expect(try file.floats("b", shape: [3]) == [-1, 0.5, 7])
        let p = try #require(try file.alignedFloats("b", shape: [3]))
        #expect(p[2] == 7)
    }

    @Test func wrongShapeOrDtypeIsAnError() throws {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"i":{"dtype":"I64","shape":[1],"data_offsets":[8,16]}}"#
        let path = try write(header: header, data: floatBytes([1, 2, 0, 0]))
        let file = try SafeTensorsFile(path: path)
        #expect(throws: EmbeddingsError.self) { try file.floats("a", shape: [3]) }
        #expect(throws: EmbeddingsError.self) { try file.floats("i", shape: [1]) }
        #expect(throws: EmbeddingsError.self) { try file.floats("missing", shape: [1]) }
    }

    @Test func malformedFilesAreRejected() throws {
        // Byte range beyond the end of the file.
        let outside = try write(header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: floatBytes([1]))
        #expect(throws: EmbeddingsError.self) { try SafeTensorsFile(path: outside) }
        // Header that is not JSON.
        let garbage = try write(header: "not json at all", data: [])
        #expect(throws: EmbeddingsError.self) { try SafeTensorsFile(path: garbage) }
        // Size that disagrees with the shape.
        let size = try write(header: #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: floatBytes([1, 2]))
        #expect(throws: EmbeddingsError.self) { try SafeTensorsFile(path: size) }
        // Missing file.
        do {
            _ = try SafeTensorsFile(path: "/nonexistent/model.safetensors")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .modelMissing)
        }
    }
}
