import Foundation
import Mizan
import MizanHTTP
import Synchronization

/// What `mizan serve` answers: the JSON API for case-management systems (`/v1/…`, `/healthz`)
/// and the staff web app (`/`, `/form/…`). Every evaluation goes through the one engine path
/// (`Engine.evaluate(recordBytes:)`) over the current `PolicySnapshot`; every page is written
/// from the same reports as `mizan eval`.
final class StaffService: Sendable {
  struct Configuration: Sendable {
    /// The bearer token API requests and the web app's sign-in must carry, or nil (loopback only).
    var token: String?
    /// The token each form carries back (cross-site request forgery): random per process.
    var formToken: String
    /// Whether drafts may be in force (`--draft`, rehearsals).
    var includeDrafts: Bool
    /// `MIZAN_TODAY` or the wall clock, read per request: the default date for "in force".
    var today: @Sendable () -> CalendarDate?
  }

  /// The versions in use and their generation (a count of reloads).
  private let snapshot: Mutex<(generation: Int, policies: PolicySnapshot)>
  /// The generation in `snapshot`, readable without the lock: each connection keeps the snapshot
  /// it last used and takes the lock only when this says there is a newer one. (Taking the lock
  /// for every request was measured at a fifth of the server's time under 64 connections.)
  private let generation = Atomic<Int>(0)
  let log: DecisionLogWriter?
  let configuration: Configuration

  init(snapshot: PolicySnapshot, log: DecisionLogWriter?, configuration: Configuration) {
    self.snapshot = Mutex((0, snapshot))
    self.log = log
    self.configuration = configuration
  }

  /// Replaces the versions for the requests that start from now on.
  func replace(with new: PolicySnapshot) {
    let next = snapshot.withLock { current -> Int in
      current = (current.generation + 1, new)
      return current.generation
    }
    generation.store(next, ordering: .releasing)
  }

  /// The snapshot one connection uses: refreshed when a reload has happened since. Used by the
  /// connection's own thread only.
  final class ConnectionView {
    var generation = -1
    var policies: PolicySnapshot?
  }

  /// The handler for one connection, holding its own view of the policies.
  func connectionHandler() -> (HTTPRequest) -> HTTPResponse {
    let view = ConnectionView()
    return { [self] request in
      if view.generation != generation.load(ordering: .acquiring) || view.policies == nil {
        (view.generation, view.policies) = snapshot.withLock { ($0.generation, $0.policies) }
      }
      return handle(request, policies: view.policies ?? snapshot.withLock { $0.policies })
    }
  }

  // MARK: - Routing

  func handle(_ request: HTTPRequest, policies current: PolicySnapshot) -> HTTPResponse {
    let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    switch segments.first {
    case "healthz":
      return only(["GET", "HEAD"], request) { APIRoutes.health(current) }
    case "v1":
      if let refusal = authorizeAPI(request) { return refusal }
      return APIRoutes(service: self, policies: current).route(Array(segments.dropFirst()), request)
    default:
      return WebRoutes(service: self, policies: current).route(segments, request)
    }
  }

  /// The response of `make` for the allowed methods, `405` with `Allow` for any other.
  func only(_ methods: [String], _ request: HTTPRequest, _ make: () -> HTTPResponse) -> HTTPResponse {
    guard methods.contains(request.method) else {
      var response = APIRoutes.error(.methodNotAllowed, id: "http.methodNotAllowed",
                                     ar: "الطريقة \(request.method) غير مسموحة هنا",
                                     en: "\(request.method) is not allowed here; use \(methods.joined(separator: " or "))")
      response.headers.append(("Allow", methods.joined(separator: ", ")))
      return response
    }
    return make()
  }

  // MARK: - Access

  /// nil when the API request may proceed: no token is configured, or it carries the token.
  func authorizeAPI(_ request: HTTPRequest) -> HTTPResponse? {
    guard let token = configuration.token else { return nil }
    let given = request.header("authorization").flatMap { value -> String? in
      let parts = value.split(separator: " ", maxSplits: 1)
      return parts.count == 2 && parts[0].lowercased() == "bearer" ? String(parts[1]) : nil
    }
    guard let given, Secrets.equal(given, token) else {
      var response = APIRoutes.error(.unauthorized, id: "http.unauthorized",
                                     ar: "يلزم رمز الدخول: Authorization: Bearer …",
                                     en: "a bearer token is required: Authorization: Bearer …")
      response.headers.append(("WWW-Authenticate", "Bearer realm=\"mizan\""))
      return response
    }
    return nil
  }

  /// Whether a browser request carries the sign-in cookie (always, when no token is configured).
  func isSignedIn(_ request: HTTPRequest) -> Bool {
    guard let token = configuration.token else { return true }
    return Secrets.cookie(named: Secrets.cookieName, in: request.header("cookie")).map { Secrets.equal($0, token) }
      ?? false
  }
}

/// Comparing secrets and reading cookies.
enum Secrets {
  static let cookieName = "mizan_token"

  /// Equality in time that depends only on the lengths, so that a guess cannot be refined byte by
  /// byte from response times.
  static func equal(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    var difference = UInt8(a.count == b.count ? 0 : 1)
    for index in 0..<min(a.count, b.count) { difference |= a[index] ^ b[index] }
    return difference == 0
  }

  static func cookie(named name: String, in header: String?) -> String? {
    guard let header else { return nil }
    for pair in header.split(separator: ";") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }

  /// A token of `count` random bytes, as hex.
  static func randomToken(_ count: Int = 24) -> String? {
    guard let device = FileHandle(forReadingAtPath: "/dev/urandom") else { return nil }
    defer { try? device.close() }
    guard let bytes = try? device.read(upToCount: count), bytes.count == count else { return nil }
    return bytes.map { String(format: "%02x", $0) }.joined()
  }
}
