import Foundation
public import HTTPTypes
public import Hummingbird

/// A client or server error, sent as `{"code": …, "message": …}` with its HTTP status.
/// Domain modules never see HTTP: routes map their errors to this type at the edge.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func notFound(_ what: String) -> APIError { APIError(.notFound, code: "NotFound", what) }
    static func badRequest(_ why: String) -> APIError { APIError(.badRequest, code: "BadRequest", why) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(APIErrorBody(code: code, message: message))
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }
}

/// The JSON body of an error response.
struct APIErrorBody: Encodable {
    let code: String
    let message: String
}
