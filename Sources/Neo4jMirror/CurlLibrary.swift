import CCurl

/// Facts about the libcurl the mirror is linked against.
public enum CurlLibrary {
    /// libcurl's version line, e.g. `libcurl/7.88.1 OpenSSL/3.0.17 zlib/1.2.13`.
    public static var version: String {
        guard let v = curl_version() else { return "libcurl (unknown)" }
        return String(cString: v)
    }
}
