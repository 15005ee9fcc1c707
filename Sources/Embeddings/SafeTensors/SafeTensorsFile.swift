import Foundation

/// A reader for the safetensors format: an 8-byte little-endian header length, a JSON header
/// naming each tensor's dtype, shape and byte range, then the raw little-endian tensor data.
///
/// The file is memory-mapped; tensors are read in place, without copies, when aligned.
public final class SafeTensorsFile: @unchecked Sendable {
    /// One tensor's entry in the header.
    public struct TensorInfo: Sendable, Equatable {
        /// The element type as the header spells it: `F32`, `I64`, `F16`, ...
        public var dtype: String
        /// The dimensions, outermost first.
        public var shape: [Int]
        /// Byte offsets of the data, relative to the end of the header.
        public var dataRange: Range<Int>
    }

    private let file: MappedFile
    private let dataStart: Int
    /// Every tensor in the file, by name.
    public let tensors: [String: TensorInfo]
    /// The header's `__metadata__` map, if any.
    public let metadata: [String: String]

    /// Maps and parses the file at `path`.
    ///
    /// - Throws: `.modelMissing` when the file cannot be opened, `.badModelFile` when its
    ///   header is malformed or a tensor's byte range falls outside the file.
    /// - Complexity: O(header size); tensor data is not read.
    public init(path: String) throws(EmbeddingsError) {
        file = try MappedFile(path: path)
        guard file.count >= 8 else { throw EmbeddingsError(.badModelFile, "\(path): shorter than 8 bytes") }
        let headerLength = Int(UInt64(littleEndian: file.base.loadUnaligned(as: UInt64.self)))
        guard headerLength > 1, headerLength <= file.count - 8 else {
            throw EmbeddingsError(.badModelFile, "\(path): header length \(headerLength) does not fit the file")
        }
        dataStart = 8 + headerLength
        let headerBytes = Data(bytes: file.base + 8, count: headerLength)
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: headerBytes) as? [String: Any] else {
                throw EmbeddingsError(.badModelFile, "\(path): the header is not a JSON object")
            }
            object = parsed
        } catch let error as EmbeddingsError {
            throw error
        } catch {
            throw EmbeddingsError(.badModelFile, "\(path): the header is not valid JSON")
        }
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        let dataLength = file.count - dataStart
        for (name, value) in object {
            if name == "__metadata__" {
                for (k, v) in value as? [String: Any] ?? [:] { metadata[k] = v as? String ?? "\(v)" }
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                offsets.count == 2
            else {
                throw EmbeddingsError(.badModelFile, "\(path): malformed header entry for \(name)")
            }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataLength else {
                throw EmbeddingsError(.badModelFile, "\(path): tensor \(name) lies outside the file")
            }
            let elements = shape.reduce(1, *)
            if let width = Self.elementSize(dtype), elements * width != offsets[1] - offsets[0] {
                throw EmbeddingsError(
                    .badModelFile, "\(path): tensor \(name) has \(offsets[1] - offsets[0]) bytes for shape \(shape)")
            }
            tensors[name] = TensorInfo(dtype: dtype, shape: shape, dataRange: offsets[0]..<offsets[1])
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Bytes per element for the dtypes this reader knows, `nil` for others.
    static func elementSize(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL": 1
        default: nil
        }
    }

    /// The raw bytes of the tensor `name`.
    ///
    /// - Throws: `.badModelFile` when the tensor is absent.
    public func bytes(_ name: String) throws(EmbeddingsError) -> UnsafeRawBufferPointer {
        guard let info = tensors[name] else { throw EmbeddingsError(.badModelFile, "no tensor named \(name)") }
        return UnsafeRawBufferPointer(start: file.base + dataStart + info.dataRange.lowerBound, count: info.dataRange.count)
    }

    /// Drops the mapped pages of tensor `name` from memory after its data was copied elsewhere.
    /// Reading the tensor again still works (the pages come back from the file).
    func releasePages(of name: String) {
        guard let info = tensors[name] else { return }
        file.releasePages((dataStart + info.dataRange.lowerBound)..<(dataStart + info.dataRange.upperBound))
    }

    /// The `F32` tensor `name`, checked against `shape`, copied into an array.
    ///
    /// - Throws: `.badModelFile` when the tensor is absent, not `F32`, or has another shape.
    /// - Complexity: O(element count).
    public func floats(_ name: String, shape: [Int]) throws(EmbeddingsError) -> [Float] {
        let raw = try checkedF32(name, shape: shape)
        return (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
    }

    /// The `F32` tensor `name` read in place when it is 4-byte aligned, or `nil` when it is not.
    ///
    /// The pointer stays valid as long as this object lives.
    /// - Throws: `.badModelFile` when the tensor is absent, not `F32`, or has another shape.
    public func alignedFloats(_ name: String, shape: [Int]) throws(EmbeddingsError) -> UnsafePointer<Float>? {
        let raw = try checkedF32(name, shape: shape)
        #if !_endian(little)
        return nil
        #endif
        guard let start = raw.baseAddress, Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 else { return nil }
        return start.assumingMemoryBound(to: Float.self)
    }

    private func checkedF32(_ name: String, shape: [Int]) throws(EmbeddingsError) -> UnsafeRawBufferPointer {
        guard let info = tensors[name] else { throw EmbeddingsError(.badModelFile, "no tensor named \(name)") }
        guard info.dtype == "F32" else {
            throw EmbeddingsError(.badModelFile, "tensor \(name) is \(info.dtype), expected F32")
        }
        guard info.shape == shape else {
            throw EmbeddingsError(.badModelFile, "tensor \(name) has shape \(info.shape), expected \(shape)")
        }
        return try bytes(name)
    }
}
