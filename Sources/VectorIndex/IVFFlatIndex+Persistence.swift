#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saved-index file format, version 2 (version 1 files still load). All integers little-endian.
///
/// ```
/// header   "IGNVIVF1" u32 version u32 dimension u32 lists u32 reserved(0) u64 vectors   u32 crc(header)
/// centroids  lists × dimension f32                                                        u32 crc
/// sizes      lists × u32 (vectors per list)                                                u32 crc
/// per list   sizes[l] × u32 ids, sizes[l] × f32 scales, sizes[l] × dimension i8 coarse codes,
///            sizes[l] × dimension i8 residual codes (see ScalarQuantizer)                   u32 crc
/// settings   (version 2) f64 recall target, u32 quantization (0/1), u32 policy lists (0: default),
///            u64 rows at last training, u32 calibration k (0: none), u32 calibration lists,
///            u64 calibration rows, u32 rank count, rank count × u32 probe ranks              u32 crc
/// ```
/// An empty, untrained index is saved with 0 lists (its settings still count). Version 1 has no
/// settings section: it loads with the default policy and no calibration. Tombstones are not written.
/// A file is written to `path.tmp`, flushed to disk (`fsync`), renamed into place, and then its
/// directory is flushed too, so that after a crash or power loss `path` holds either the old file or
/// the complete new one.
enum IndexFileFormat {
    static let magic: [UInt8] = Array("IGNVIVF1".utf8)
    static let version: UInt32 = 2
}

extension IVFFlatIndex {
    /// Writes the trained index to `path` (versioned binary with per-section CRC-32).
    /// - Throws: `notTrained`, `ioFailure`.
    /// - Complexity: O(vectors · dimension).
    public func save(to path: String) throws(VectorIndexError) {
        try lock.withReadLock { () throws(VectorIndexError) in
            guard state.quantizer != nil || state.lists.liveCount == 0 else {
                throw VectorIndexError(.notTrained, "only a trained index can be saved")
            }
            let quantizer = state.quantizer ?? CoarseQuantizer(dimension: dimension, centroids: [])
            let tmp = path + ".tmp"
            guard let file = fopen(tmp, "wb") else {
                throw VectorIndexError(.ioFailure, "cannot open \(tmp) for writing (errno \(errno))")
            }
            var ok = true
            func write(_ bytes: UnsafeRawBufferPointer, crc: inout CRC32) {
                guard ok, bytes.count > 0 else { return }
                crc.update(bytes)
                ok = fwrite(bytes.baseAddress!, 1, bytes.count, file) == bytes.count
            }
            func writeCRC(_ crc: CRC32) {
                var v = crc.checksum.littleEndian
                var ignored = CRC32()
                withUnsafeBytes(of: &v) { write($0, crc: &ignored) }
            }
            let lists = state.lists
            var header = ByteWriter()
            header.bytes(IndexFileFormat.magic)
            header.u32(IndexFileFormat.version)
            header.u32(UInt32(dimension))
            header.u32(UInt32(quantizer.lists))
            header.u32(0)
            header.u64(UInt64(lists.liveCount))
            var crc = CRC32()
            header.data.withUnsafeBytes { write($0, crc: &crc) }
            writeCRC(crc)

            crc = CRC32()
            quantizer.centroids.withUnsafeBytes { write($0, crc: &crc) }
            writeCRC(crc)

            let sizes = lists.liveSizes.map { UInt32($0).littleEndian }
            crc = CRC32()
            sizes.withUnsafeBytes { write($0, crc: &crc) }
            writeCRC(crc)

            for l in 0..<lists.listCount {
                crc = CRC32()
                var ids = lists.ids[l]
                var scales = lists.scales[l]
                var c1 = lists.coarseRows(list: l)  // the file keeps coarse codes row-major
                var c2 = lists.residual[l]
                if lists.tombstones[l] > 0 {
                    var compacted = InvertedLists(dimension: dimension, lists: 1)
                    compacted.setList(0, ids: ids, scales: scales, coarse: c1, residual: c2)
                    for (p, id) in ids.enumerated() where id == InvertedLists.tombstone {
                        compacted.markRemovedWithoutCompacting(list: 0, position: p)
                    }
                    compacted.compact(list: 0)
                    ids = compacted.ids[0]
                    scales = compacted.scales[0]
                    c1 = compacted.coarseRows(list: 0)
                    c2 = compacted.residual[0]
                }
                ids.withUnsafeBytes { write($0, crc: &crc) }
                scales.withUnsafeBytes { write($0, crc: &crc) }
                c1.withUnsafeBytes { write($0, crc: &crc) }
                c2.withUnsafeBytes { write($0, crc: &crc) }
                writeCRC(crc)
            }
            var settings = ByteWriter()
            settings.u64(state.policy.recallTarget.bitPattern)
            settings.u32(state.policy.quantization ? 1 : 0)
            settings.u32(UInt32(state.policy.lists ?? 0))
            settings.u64(UInt64(state.trainedRows))
            let calibration = state.calibration
            settings.u32(UInt32(calibration?.k ?? 0))
            settings.u32(UInt32(calibration?.lists ?? 0))
            settings.u64(UInt64(calibration?.rows ?? 0))
            let ranks = calibration?.ranks ?? []
            settings.u32(UInt32(ranks.count))
            for r in ranks { settings.u32(r) }
            crc = CRC32()
            settings.data.withUnsafeBytes { write($0, crc: &crc) }
            writeCRC(crc)
            ok = ok && fflush(file) == 0 && fsync(fileno(file)) == 0
            ok = (fclose(file) == 0) && ok
            guard ok else {
                unlink(tmp)
                throw VectorIndexError(.ioFailure, "writing \(tmp) failed (errno \(errno))")
            }
            guard rename(tmp, path) == 0 else {
                unlink(tmp)
                throw VectorIndexError(.ioFailure, "cannot rename \(tmp) to \(path) (errno \(errno))")
            }
            try Self.syncDirectory(of: path)
        }
    }

    /// Flushes the directory holding `path`, so that a rename into it survives a power loss.
    static func syncDirectory(of path: String) throws(VectorIndexError) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw VectorIndexError(.ioFailure, "cannot open \(directory) to flush it (errno \(errno))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw VectorIndexError(.ioFailure, "cannot flush \(directory) (errno \(errno))") }
    }

    /// Reads an index written by `save(to:)`.
    /// - Throws: `ioFailure`, `corruptFile` (bad magic, sizes or checksum), `unsupportedVersion`.
    /// - Complexity: O(vectors · dimension).
    public static func load(from path: String) throws(VectorIndexError) -> IVFFlatIndex {
        guard let file = fopen(path, "rb") else {
            throw VectorIndexError(.ioFailure, "cannot open \(path) for reading (errno \(errno))")
        }
        defer { fclose(file) }
        let reader = FileReader(file: file, path: path)

        var header = try reader.read(32)
        let headerCRC = try reader.u32()
        guard header.withUnsafeBytes({ CRC32.of($0) }) == headerCRC else {
            throw VectorIndexError(.corruptFile, "\(path): header checksum mismatch")
        }
        guard Array(header[0..<8]) == IndexFileFormat.magic else {
            throw VectorIndexError(.corruptFile, "\(path) is not a saved IVF-flat index (bad magic)")
        }
        let version = header.u32(at: 8)
        guard version == 1 || version == IndexFileFormat.version else {
            throw VectorIndexError(.unsupportedVersion, "\(path) has format version \(version); this build reads \(IndexFileFormat.version)")
        }
        let dimension = Int(header.u32(at: 12))
        let listCount = Int(header.u32(at: 16))
        let total = header.u64(at: 24)
        header = []
        guard dimension >= 1, dimension <= maxDimension, listCount >= 0, listCount <= maxLists,
            listCount >= 1 || (total == 0 && version >= 2)
        else {
            throw VectorIndexError(.corruptFile, "\(path): dimension \(dimension) or lists \(listCount) out of range")
        }

        let centroids: [Float] = try reader.floats(listCount * dimension, section: "centroids")
        let sizes: [UInt32] = try reader.section(listCount, section: "list sizes")
        guard sizes.reduce(UInt64(0), { $0 + UInt64($1) }) == total else {
            throw VectorIndexError(.corruptFile, "\(path): list sizes do not add up to the vector count")
        }
        var state = State(
            quantizer: listCount == 0 ? nil : CoarseQuantizer(dimension: dimension, centroids: centroids),
            lists: InvertedLists(dimension: dimension, lists: listCount), listOf: [:])
        state.listOf.reserveCapacity(Int(total))
        for l in 0..<listCount {
            let n = Int(sizes[l])
            var crc = CRC32()
            let ids: [VectorID] = try reader.array(n, crc: &crc)
            let scales: [Float] = try reader.array(n, crc: &crc)
            let c1: [Int8] = try reader.array(n * dimension, crc: &crc)
            let c2: [Int8] = try reader.array(n * dimension, crc: &crc)
            guard try reader.u32() == crc.checksum else {
                throw VectorIndexError(.corruptFile, "\(path): checksum mismatch in list \(l)")
            }
            for id in ids {
                guard id != InvertedLists.tombstone, state.listOf.updateValue(UInt32(l), forKey: id) == nil else {
                    throw VectorIndexError(.corruptFile, "\(path): invalid or repeated id \(id) in list \(l)")
                }
            }
            guard scales.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw VectorIndexError(.corruptFile, "\(path): invalid scale in list \(l)")
            }
            state.lists.setList(l, ids: ids, scales: scales, coarse: c1, residual: c2)
        }
        if version >= 2 { try readSettings(reader, into: &state, lists: listCount) }
        guard try reader.atEnd() else {
            throw VectorIndexError(.corruptFile, "\(path): trailing bytes after the last list")
        }
        return IVFFlatIndex(dimension: dimension, state: state)
    }
}

extension IVFFlatIndex {
    /// The version-2 settings section: policy, training count and calibration.
    fileprivate static func readSettings(
        _ reader: FileReader, into state: inout State, lists: Int
    ) throws(VectorIndexError) {
        var crc = CRC32()
        let fixed: [UInt64] = try reader.array(1, crc: &crc)
        let flags: [UInt32] = try reader.array(2, crc: &crc)
        let trained: [UInt64] = try reader.array(1, crc: &crc)
        let cal: [UInt32] = try reader.array(2, crc: &crc)
        let calRows: [UInt64] = try reader.array(1, crc: &crc)
        let count: [UInt32] = try reader.array(1, crc: &crc)
        let k = Int(UInt32(littleEndian: cal[0]))
        let calLists = Int(UInt32(littleEndian: cal[1]))
        let n = Int(UInt32(littleEndian: count[0]))
        guard n <= 1 << 24, k <= maxK, (k == 0) == (n == 0), k == 0 || n % k == 0, calLists <= maxLists else {
            throw VectorIndexError(.corruptFile, "\(reader.path): invalid calibration section")
        }
        let ranks: [UInt32] = try reader.array(n, crc: &crc)
        guard try reader.u32() == crc.checksum else {
            throw VectorIndexError(.corruptFile, "\(reader.path): checksum mismatch in settings")
        }
        var policy = SearchPolicy(
            recallTarget: Double(bitPattern: UInt64(littleEndian: fixed[0])),
            quantization: UInt32(littleEndian: flags[0]) != 0)
        let fixedLists = Int(UInt32(littleEndian: flags[1]))
        policy.lists = fixedLists == 0 ? nil : fixedLists
        do { try policy.validate() } catch {
            throw VectorIndexError(.corruptFile, "\(reader.path): invalid settings (\(error.message))")
        }
        state.policy = policy
        state.trainedRows = Int(UInt64(littleEndian: trained[0]))
        if k > 0 {
            let r = ranks.map { UInt32(littleEndian: $0) }
            guard calLists >= 1, r.allSatisfy({ Int($0) <= calLists }) else {
                throw VectorIndexError(.corruptFile, "\(reader.path): invalid calibration ranks")
            }
            state.calibration = Calibration(
                k: k, rows: Int(UInt64(littleEndian: calRows[0])), lists: calLists, ranks: r)
        }
        _ = lists
    }
}

/// Little-endian byte building for the header.
struct ByteWriter {
    var data: [UInt8] = []
    mutating func bytes(_ b: [UInt8]) { data += b }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
}

extension [UInt8] {
    func u32(at o: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[o + $1]) << (8 * UInt32($1)) }
    }
    func u64(at o: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[o + $1]) << (8 * UInt64($1)) }
    }
}

/// Sequential reads that turn a short file into `corruptFile`.
struct FileReader {
    let file: UnsafeMutablePointer<FILE>
    let path: String

    func read(_ count: Int) throws(VectorIndexError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let got = out.withUnsafeMutableBytes { fread($0.baseAddress!, 1, count, file) }
        guard got == count else { throw VectorIndexError(.corruptFile, "\(path) is truncated") }
        return out
    }

    func u32() throws(VectorIndexError) -> UInt32 { try read(4).u32(at: 0) }

    /// `count` trivially-copyable values, added to `crc`.
    func array<T: BitwiseCopyable>(_ count: Int, crc: inout CRC32) throws(VectorIndexError) -> [T] {
        guard count > 0 else { return [] }
        let bytes = count * MemoryLayout<T>.stride
        var ok = false
        let out = [T](unsafeUninitializedCapacity: count) { buf, n in
            let got = fread(UnsafeMutableRawPointer(buf.baseAddress!), 1, bytes, file)
            ok = got == bytes
            n = ok ? count : 0
        }
        guard ok else { throw VectorIndexError(.corruptFile, "\(path) is truncated") }
        out.withUnsafeBytes { crc.update($0) }
        return out
    }

    /// A whole checksummed section of `count` values.
    func section<T: BitwiseCopyable>(_ count: Int, section: String) throws(VectorIndexError) -> [T] {
        var crc = CRC32()
        let out: [T] = try array(count, crc: &crc)
        guard try u32() == crc.checksum else {
            throw VectorIndexError(.corruptFile, "\(path): checksum mismatch in \(section)")
        }
        return out
    }

    func floats(_ count: Int, section name: String) throws(VectorIndexError) -> [Float] {
        let out: [Float] = try section(count, section: name)
        guard out.allSatisfy(\.isFinite) else {
            throw VectorIndexError(.corruptFile, "\(path): non-finite value in \(name)")
        }
        return out
    }

    func atEnd() throws(VectorIndexError) -> Bool {
        var byte: UInt8 = 0
        return fread(&byte, 1, 1, file) == 0
    }
}
