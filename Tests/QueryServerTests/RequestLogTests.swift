import HTTPTypes
import QueryServer
import Testing

@Suite struct RequestLogTests {
    @Test func everyResponseCarriesARequestID() async throws {
        try await TestServer().run { c in
            let mine = try await c.request(.get, "/hello", headers: [HTTPField.Name("X-Request-ID")!: "abc-123"])
            #expect(mine.headers[HTTPField.Name("X-Request-ID")!] == "abc-123")
            #expect(mine.text == "hello")
            let generated = try await c.get("/health")
            #expect(generated.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
            let hostile = try await c.request(.get, "/health", headers: [HTTPField.Name("X-Request-ID")!: "a b\"c"])
            #expect(hostile.headers[HTTPField.Name("X-Request-ID")!] != "a b\"c")
            let error = try await c.get("/db/other/products/a/similar")
            #expect(error.status == .notFound)
            #expect(error.headers[HTTPField.Name("X-Request-ID")!]?.isEmpty == false)
        }
    }
}
