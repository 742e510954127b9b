import TalonAPI
import Testing

@testable import TalonHTTP

/// Routing without I/O: every operation's method and path, 405 with the allowed methods, 404.
@Suite("Route table")
struct RouteTableTests {
  let routes = RouteTable()

  @Test(arguments: IntegrationOperation.allCases)
  func everyOperationResolvesAtItsMethodAndPath(_ operation: IntegrationOperation) {
    let values = operation.pathParameters.indices.map { "a%2Fb\($0)" }
    #expect(
      routes.resolve(method: operation.method, path: operation.path(with: values))
        == .operation(operation, parameters: values))
  }

  /// The bundled (2020) document's paths are the 2020 operations' (today's own are checked
  /// against today's reference elsewhere).
  @Test func referenceDocumentPathsMatchTheCatalogue() {
    let fromDocument = Set(ReferenceDocument.bundled.operations.map { "\($0.method) \($0.path)" })
    let fromCatalogue = Set(
      IntegrationOperation.allCases.filter { $0.generation == .v2020 }.map {
        "\($0.method) \($0.pathTemplate)"
      })
    #expect(fromDocument == fromCatalogue)
  }

  @Test func wrongMethodsAndUnknownPaths() {
    #expect(routes.resolve(method: "GET", path: "/v1/status/health") == .health)
    #expect(routes.resolve(method: "GET", path: "/openapi.json") == .openAPIDocument)
    #expect(
      routes.resolve(method: "POST", path: "/v1/status/health")
        == .methodNotAllowed(allowed: ["GET"]))
    #expect(
      routes.resolve(method: "GET", path: "/v1/customer_profiles/p1")
        == .methodNotAllowed(allowed: ["PUT"]))
    #expect(
      routes.resolve(method: "PATCH", path: "/v1/coupon_reservations/X")
        == .methodNotAllowed(allowed: ["DELETE", "POST"]))
    #expect(routes.resolve(method: "GET", path: "/v1/customer_profiles/p1/") == .notFound)
    #expect(routes.resolve(method: "GET", path: "/v3/anything") == .notFound)
    #expect(routes.resolve(method: "GET", path: "/") == .notFound)
    // "coupons" alone is a coupon value, not the reserved-coupons listing.
    #expect(
      routes.resolve(method: "POST", path: "/v1/coupon_reservations/coupons")
        == .operation(.createCouponReservation, parameters: ["coupons"]))
  }
}
