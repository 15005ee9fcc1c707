#if canImport(Glibc)
import Glibc
#endif

import CZlib

/// Reads a file in large chunks, decompressing it on the fly when it is gzip
/// (zlib's gz* API passes plain files through unchanged).
public final class CompressedFileReader {
    public let path: String
    private var file: gzFile?
    /// The file's size on disk, for progress reporting (compressed bytes for gzip).
    public let sizeOnDisk: Int

    public init(path: String) throws(ImportError) {
        self.path = path
        guard let f = gzopen(path, "rb") else {
            throw ImportError(.io, file: path, "cannot open file")
        }
        gzbuffer(f, 1 << 18)
        file = f
        sizeOnDisk = Self.fileSize(path)
    }

    deinit {
        if let file { gzclose(file) }
    }

    /// Reads up to `count` bytes into `buffer`. Returns 0 at end of file.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(ImportError) -> Int {
        guard let file else { return 0 }
        let n = gzread(file, buffer, UInt32(min(count, Int(Int32.max))))
        if n < 0 {
            var errnum: Int32 = 0
            let msg = gzerror(file, &errnum).map { String(cString: $0) } ?? "read error"
            throw ImportError(.io, file: path, "cannot read: \(msg)")
        }
        return Int(n)
    }

    /// Bytes consumed from the file on disk so far.
    public var positionOnDisk: Int {
        guard let file else { return sizeOnDisk }
        return Int(gzoffset(file))
    }

    private static func fileSize(_ path: String) -> Int {
        guard let f = fopen(path, "rb") else { return 0 }
        defer { fclose(f) }
        fseek(f, 0, SEEK_END)
        return ftell(f)
    }
}
