import Engine
import GraphStore
import Hummingbird
import Recommend

/// `GET /db/{db}/recommender`: the model the `auto` strategy serves and the evidence for it.
struct RecommenderRoutes: Sendable {
    let scopes: DatabaseScopes

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.get("recommender") { _, context -> Response in
            let database = try scopes.database(context)
            let snapshot = database.graph.snapshot
            guard snapshot.catalog.relationshipType("PURCHASED") != nil else {
                throw APIError(.notFound, code: "NoPurchases", "the graph has no PURCHASED relationships to select a model on")
            }
            // Never waits for a build: the first call starts one in the background and says so.
            let model: RecommenderModel?
            do {
                model = try database.recommenderCache.readyModel(for: snapshot)
            } catch let e as RecommendError where e.code == .emptyData {
                throw APIError(.notFound, code: "NoPurchases", e.message)
            } catch let e as RecommendError {
                throw APIError.badRequest(e.message)
            }
            guard let model else {
                var response = APIError(
                    .serviceUnavailable, code: "ModelBuilding",
                    "the recommender's model is being built and selected; retry shortly"
                ).body.response(status: .serviceUnavailable)
                response.headers[.retryAfter] = "5"
                return response
            }
            let selection = model.selection
            guard let selection else {
                throw APIError(.notFound, code: "NoModelSelection", "the recommender has no model selection")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: Self.json(selection).serialized())))
        }
    }

    static func json(_ s: ModelSelection) -> JSON {
        .object([
            ("strategy", .string("auto")), ("chosen", .string(s.chosen.description)),
            ("chosenModel", .string(s.chosen.encoded)), ("customers", .int(Int64(s.customers))),
            ("products", .int(Int64(s.products))), ("pairs", .int(Int64(s.pairs))),
            ("evaluatedCustomers", .int(Int64(s.evaluatedCustomers))), ("refitSeconds", .double(s.refitSeconds)),
            ("selectionSeconds", .double(s.totalSeconds)), ("budget", .string(s.budget)), ("reused", .bool(s.reused)),
            (
                "candidates",
                .array(
                    s.rows.map { r in
                        var o: [(String, JSON)] = [
                            ("name", .string(r.candidate.description)), ("model", .string(r.candidate.encoded)),
                            ("chosen", .bool(r.candidate == s.chosen)),
                        ]
                        if r.skipped.isEmpty {
                            o += [
                                ("ndcg10", .double(r.ndcg10)), ("ndcg10Low", .double(r.ndcg10Low)),
                                ("ndcg10High", .double(r.ndcg10High)), ("recall10", .double(r.recall10)),
                                ("fitSeconds", .double(r.fitSeconds)),
                            ]
                        } else {
                            o.append(("skipped", .string(r.skipped)))
                        }
                        return .object(o)
                    })
            ),
        ])
    }
}
