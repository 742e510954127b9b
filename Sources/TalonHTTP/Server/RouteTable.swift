import Foundation
import TalonAPI

/// Where a request goes: built from `IntegrationOperation`'s path templates plus the two
/// unauthenticated routes (`GET /v1/status/health`, `GET /openapi.json`) and, with test
/// control on, the `/talon/test/...` family (`TestControlRoute`). Pure, tested without I/O.
///
/// Paths are matched segment by segment on the raw (still percent-encoded) path, so an encoded
/// `/` (`%2F`) stays inside one path parameter; parameters are percent-decoded after matching. A trailing slash is a different path (404).
struct RouteTable: Sendable {
  /// The outcome of resolving a method and a raw path.
  enum Resolution: Equatable, Sendable {
    /// An Integration API operation; `parameters` are the raw path parameters, in path order.
    case operation(IntegrationOperation, parameters: [String])
    case health
    case openAPIDocument
    /// A route of `talon serve --test-control`.
    case testControl(TestControlRoute)
    /// A known path with another method; `allowed` lists the methods it takes.
    case methodNotAllowed(allowed: [String])
    case notFound
  }

  static let healthPath = "/v1/status/health"
  static let openAPIPath = "/openapi.json"

  private struct Route: Sendable {
    var method: String
    var segments: [Segment]
    var target: Target
  }

  private enum Segment: Sendable, Equatable {
    case literal(String)
    case parameter
  }

  private enum Target: Sendable {
    case operation(IntegrationOperation)
    case health
    case openAPIDocument
    case testControl(TestControlRoute)
  }

  private let routes: [Route]

  /// The routes of `operations` (the whole catalogue by default), the two fixed ones and, when
  /// `testControl` is set, the test-control family.
  init(
    operations: [IntegrationOperation] = IntegrationOperation.allCases, testControl: Bool = false
  ) {
    var routes = operations.map { operation in
      Route(
        method: operation.method, segments: Self.segments(of: operation.pathTemplate),
        target: .operation(operation))
    }
    routes.append(
      Route(method: "GET", segments: Self.segments(of: Self.healthPath), target: .health))
    routes.append(
      Route(method: "GET", segments: Self.segments(of: Self.openAPIPath), target: .openAPIDocument))
    if testControl {
      for (method, path, route) in TestControlRoute.all {
        routes.append(
          Route(method: method, segments: Self.segments(of: path), target: .testControl(route)))
      }
    }
    self.routes = routes
  }

  private static func segments(of template: String) -> [Segment] {
    split(template).map { $0.hasPrefix("{") && $0.hasSuffix("}") ? .parameter : .literal($0) }
  }

  private static func split(_ path: String) -> [String] {
    var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if parts.first == "" { parts.removeFirst() }
    return parts
  }

  func resolve(method: String, path: String) -> Resolution {
    let parts = Self.split(path)
    var allowed: [String] = []
    for route in routes {
      guard let parameters = Self.match(route.segments, parts) else { continue }
      guard route.method == method else {
        allowed.append(route.method)
        continue
      }
      switch route.target {
      case .operation(let operation): return .operation(operation, parameters: parameters)
      case .health: return .health
      case .openAPIDocument: return .openAPIDocument
      case .testControl(let route): return .testControl(route)
      }
    }
    return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: Array(Set(allowed)).sorted())
  }

  /// Nil when the path does not fit; else the raw parameters in path order.
  private static func match(_ segments: [Segment], _ parts: [String]) -> [String]? {
    guard segments.count == parts.count else { return nil }
    var parameters: [String] = []
    for (segment, part) in zip(segments, parts) {
      switch segment {
      case .literal(let text): if text != part { return nil }
      case .parameter: parameters.append(part)
      }
    }
    return parameters
  }
}
