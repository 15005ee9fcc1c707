/// Writes JSON text straight into bytes, for the hot responses whose shape is fixed (the
/// recommendation routes): no `JSON` tree is built, so no per-field allocation. Strings are escaped
/// and non-finite numbers written as `null` exactly as `JSON.serialized()` does (tested against it).
///
/// Calls nest as the document does: `beginObject`, then `key` and a value per field, then
/// `endObject`; a comma goes before every member but the first.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member is the first of its object or array (or the value right after a key).
    private var first = true

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        first = true
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        first = false
    }

    mutating func key(_ name: String) {
        separate()
        JSON.writeString(name, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    mutating func string(_ s: String) {
        separate()
        JSON.writeString(s, into: &bytes)
    }

    mutating func double(_ d: Double) {
        separate()
        JSON.double(d).write(into: &bytes)
    }

    mutating func int(_ i: Int) {
        separate()
        JSON.int(Int64(i)).write(into: &bytes)
    }

    mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    /// `"name": value` for each present value; nil leaves the field out (as `Encodable` does).
    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        double(value)
    }
}
