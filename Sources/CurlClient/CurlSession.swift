import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP request.
public struct CurlRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// `user:password` for HTTP basic authentication.
    public var basicAuth: (user: String, password: String)?
    /// Seconds for the whole transfer; 0 means no limit.
    public var timeoutSeconds: Int

    public init(
        method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        basicAuth: (user: String, password: String)? = nil, timeoutSeconds: Int = 60
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.basicAuth = basicAuth
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A response: its status and body (decompressed when the server sent gzip).
public struct CurlResponse: Sendable {
    public let status: Int
    public let body: [UInt8]
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// An HTTP client over one libcurl easy handle: connections are kept alive between requests to
/// the same host, gzip is accepted, redirects are followed, TLS is used for https URLs with the
/// system's certificate store. One request runs at a time per session.
public final class CurlSession: Sendable {
    private let handle: Mutex<UnsafeMutableRawPointer?>

    public init() {
        _ = Self.globalInit
        handle = Mutex(curl_easy_init())
    }

    deinit { handle.withLock { if let h = $0 { curl_easy_cleanup(h) } } }

    /// libcurl's global initialisation, once per process.
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Runs `request` and returns the whole response.
    public func perform(_ request: CurlRequest) throws(CurlError) -> CurlResponse {
        let sink = Sink()
        let status = try run(request, sink: sink)
        return CurlResponse(status: status, body: sink.bytes)
    }

    /// Runs a GET of `url` that streams the body into the file at `path` (created or truncated), and
    /// returns the status. The file holds whatever the server sent, also for an error status.
    public func download(_ url: String, to path: String, timeoutSeconds: Int = 0) throws(CurlError) -> Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CurlError(.io, "cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let sink = Sink(fd: fd)
        let status = try run(CurlRequest(url: url, timeoutSeconds: timeoutSeconds), sink: sink)
        if sink.failed { throw CurlError(.io, "cannot write \(path): \(String(cString: strerror(errno)))") }
        return status
    }

    /// Where a transfer's bytes go: memory, or a file descriptor.
    private final class Sink {
        var bytes: [UInt8] = []
        let fd: Int32
        var failed = false
        init(fd: Int32 = -1) { self.fd = fd }

        func append(_ p: UnsafeRawBufferPointer) -> Bool {
            guard fd >= 0 else {
                bytes.append(contentsOf: p)
                return true
            }
            var done = 0
            while done < p.count {
                let n = write(fd, p.baseAddress! + done, p.count - done)
                if n <= 0 {
                    failed = true
                    return false
                }
                done += n
            }
            return true
        }
    }

    private func run(_ r: CurlRequest, sink: Sink) throws(CurlError) -> Int {
        guard !r.url.isEmpty, !r.url.utf8.contains(0) else { throw CurlError(.badURL, "not a URL: `\(r.url)`") }
        return try handle.withLock { (h: inout UnsafeMutableRawPointer?) throws(CurlError) -> Int in
            guard let h else { throw CurlError(.transfer, "libcurl could not create a handle") }
            curl_easy_reset(h)
            var list: UnsafeMutablePointer<curl_slist>?
            defer { curl_slist_free_all(list) }
            for (name, value) in r.headers { list = curl_slist_append(list, "\(name): \(value)") }
            // Strings given to libcurl are copied by it (CURLOPT_* strings since 7.17), except the body.
            _ = ignitabull_curl_setopt_ptr(h, CURLOPT_URL, r.url)
            _ = ignitabull_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
            _ = ignitabull_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
            _ = ignitabull_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT, 15)
            _ = ignitabull_curl_setopt_long(h, CURLOPT_TIMEOUT, r.timeoutSeconds)
            _ = ignitabull_curl_setopt_ptr(h, CURLOPT_ACCEPT_ENCODING, "")
            _ = ignitabull_curl_setopt_ptr(h, CURLOPT_USERAGENT, "ignitabull")
            _ = ignitabull_curl_setopt_ptr(h, CURLOPT_CUSTOMREQUEST, r.method)
            if let list { _ = ignitabull_curl_setopt_ptr(h, CURLOPT_HTTPHEADER, list) }
            if let auth = r.basicAuth {
                _ = ignitabull_curl_setopt_long(h, CURLOPT_HTTPAUTH, ignitabull_curlauth_basic())
                _ = ignitabull_curl_setopt_ptr(h, CURLOPT_USERPWD, "\(auth.user):\(auth.password)")
            }
            let context = Unmanaged.passUnretained(sink).toOpaque()
            _ = ignitabull_curl_setopt_write(h, CURLOPT_WRITEFUNCTION) { data, size, count, user in
                let sink = Unmanaged<Sink>.fromOpaque(user!).takeUnretainedValue()
                let n = size * count
                guard let data else { return n }
                return sink.append(UnsafeRawBufferPointer(start: data, count: n)) ? n : 0
            }
            _ = ignitabull_curl_setopt_ptr(h, CURLOPT_WRITEDATA, context)
            let code: CURLcode = (r.body ?? []).withUnsafeBytes { body in
                if r.body != nil {
                    _ = ignitabull_curl_setopt_long(h, CURLOPT_POSTFIELDSIZE, body.count)
                    _ = ignitabull_curl_setopt_ptr(h, CURLOPT_POSTFIELDS, body.baseAddress ?? UnsafeRawPointer(bitPattern: 1))
                }
                return curl_easy_perform(h)
            }
            guard code == CURLE_OK else {
                let text = String(cString: curl_easy_strerror(code))
                if sink.failed { throw CurlError(.io, "writing the download failed: \(text)") }
                throw CurlError(code == CURLE_OPERATION_TIMEDOUT ? .timeout : .transfer, "\(r.method) \(r.url): \(text)")
            }
            var status = 0
            _ = ignitabull_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
            return status
        }
    }
}

/// Facts about the linked libcurl.
public enum CurlLibrary {
    /// libcurl's version line, e.g. `libcurl/7.88.1 OpenSSL/3.0.17 zlib/1.2.13`.
    public static var version: String {
        guard let v = curl_version() else { return "libcurl (unknown)" }
        return String(cString: v)
    }
}
