import Mizan
import MizanHTTP

/// The JSON API (docs/serve.md):
///
/// | route | answer |
/// |---|---|
/// | `POST /v1/evaluate` | the canonical outcome, byte for byte `mizan eval --format json`; `?explain` the `--explain` text |
/// | `GET /v1/policies` | associations, their versions, the one in force (`?on=DATE`) |
/// | `GET /v1/policies/{id}/schema` | `mizan schema` of the version in force (`?on=DATE`) |
/// | `GET /healthz` | that the server runs, and how many versions it holds |
///
/// Errors are JSON `{"error":{"id":…,"message":{"ar":…,"en":…},"path":…}}` with the CLI's ids.
struct APIRoutes {
  let service: StaffService
  let policies: PolicySnapshot

  func route(_ segments: [String], _ request: HTTPRequest) -> HTTPResponse {
    switch segments {
    case ["evaluate"]:
      return service.only(["POST"], request) { evaluate(request) }
    case ["policies"]:
      return service.only(["GET", "HEAD"], request) { listing(request) }
    case let path where path.count == 3 && path[0] == "policies" && path[2] == "schema":
      return service.only(["GET", "HEAD"], request) { schema(of: path[1], request) }
    default:
      return Self.notFound(request.path)
    }
  }

  // MARK: - POST /v1/evaluate

  func evaluate(_ request: HTTPRequest) -> HTTPResponse {
    if let type = request.header("content-type"), !type.lowercased().hasPrefix("application/json") {
      return Self.error(.unsupportedMediaType, id: "http.unsupportedMediaType",
                        ar: "يُرسل الطلب بصيغة application/json", en: "send the record as application/json, not \(type)")
    }
    let engine = Engine(snapshot: policies)
    let explain = request.queryValue("explain") != nil
    let includeDrafts = service.configuration.includeDrafts
    // Only `?explain` needs the outcome read back into a report; the JSON answer is the bytes.
    let result: Result<(CanonicalEvaluation, Evaluation?), EvaluationFailure> = explain
      ? engine.evaluate(recordBytes: request.body, includeDrafts: includeDrafts).map { ($0.canonical, $0) }
      : engine.decide(recordBytes: request.body, includeDrafts: includeDrafts).map { ($0, nil) }
    switch result {
    case .success(let (decided, evaluation)):
      var headers: [(String, String)] = []
      if let log = service.log {
        switch log.log(decided, by: engine, loggedAt: WallClock.timestamp, loggedBy: request.header("mizan-staff")) {
        case .success(let sequence): headers.append(("Mizan-Log-Sequence", String(sequence)))
        case .failure(let failure):
          // A decision that cannot be logged is not given: the log must hold every answer.
          return Self.error(.internalServerError, id: "audit.appendFailed",
                            ar: "تعذر تسجيل القرار: \(failure.message)", en: "the decision could not be logged: \(failure.message)")
        }
      }
      if let evaluation {
        let text = ExplainReport(outcome: evaluation.outcome, policy: evaluation.policy, language: Self.language(request),
                                 useColor: false, width: ReportWidth.standard).rendered
        return HTTPResponse(status: .ok, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers,
                            body: Array(text.utf8))
      }
      return HTTPResponse(status: .ok, headers: [("Content-Type", "application/json")] + headers,
                          body: decided.canonicalJSON + [UInt8(ascii: "\n")])
    case .failure(let failure):
      return Self.failure(failure)
    }
  }

  /// A failed evaluation as the API answers it: the record's error (`400` when it is not JSON,
  /// `413` when too large, `422` otherwise), the choice of version (`422`), or a fault (`500`).
  static func failure(_ failure: EvaluationFailure) -> HTTPResponse {
    switch failure {
    case .record(let recordError):
      let status: HTTPStatus = switch recordError.id.description {
      case "record.invalidJSON": .badRequest
      case "record.tooLarge": .contentTooLarge
      default: .unprocessableContent
      }
      return error(status, id: recordError.id.description, message: recordError.message, path: recordError.path)
    case .selection(let selection):
      let error = RecordError.selection(selection, association: "")
      return Self.error(Self.isServerFault(selection) ? .internalServerError : .unprocessableContent,
                        id: error.id.description, message: error.message, path: error.path)
    case .internalError(let message):
      return error(.internalServerError, id: "http.internalError", ar: message, en: message)
    }
  }

  /// A version that does not load, or no policies folder: the server's fault, not the record's.
  static func isServerFault(_ selection: SelectionError) -> Bool {
    switch selection {
    case .policyError, .noPoliciesFolder: true
    case .unknownAssociation, .noneInForce, .onlyDraft: false
    }
  }

  // MARK: - GET /v1/policies

  func listing(_ request: HTTPRequest) -> HTTPResponse {
    guard let on = Self.date(request, service: service) else { return Self.badDate(request) }
    let associations: [JSONValue] = policies.associations.map { association in
      let versions = policies.versions(of: association)
      let inForce = try? policies.policyInForce(for: association, on: on, includeDrafts: service.configuration.includeDrafts).get()
      return .object([
        JSONMember("id", .string(association)),
        JSONMember("names", versions.last.map { Self.json($0.associationNames) } ?? .null),
        JSONMember("in_force", inForce.map { .string($0.version) } ?? .null),
        JSONMember("versions", .array(versions.map { version in
          .object([
            JSONMember("version", .string(version.version)),
            JSONMember("status", .string(version.isDraft ? "draft" : "approved")),
            JSONMember("fingerprint", .string(version.fingerprint)),
          ])
        })),
      ])
    }
    return Self.json(.ok, .object([JSONMember("on", .string(on.iso)), JSONMember("associations", .array(associations))]))
  }

  // MARK: - GET /v1/policies/{id}/schema

  func schema(of association: String, _ request: HTTPRequest) -> HTTPResponse {
    guard let on = Self.date(request, service: service) else { return Self.badDate(request) }
    switch policies.policyInForce(for: association, on: on, includeDrafts: service.configuration.includeDrafts) {
    case .success(let policy):
      return HTTPResponse(status: .ok, contentType: "application/schema+json", text: RecordFormat.schema(policy).prettyText)
    case .failure(.unknownAssociation(let name, let known)):
      return Self.error(.notFound, id: "http.unknownAssociation",
                        ar: "جمعية غير معروفة `\(name)`؛ المعروفة: \(known.joined(separator: "، "))",
                        en: "unknown association `\(name)`; known: \(known.joined(separator: ", "))")
    case .failure(let selection):
      let error = RecordError.selection(selection, association: association)
      return Self.error(Self.isServerFault(selection) ? .internalServerError : .unprocessableContent, id: error.id.description, message: error.message, path: error.path)
    }
  }

  // MARK: - GET /healthz

  static func health(_ policies: PolicySnapshot) -> HTTPResponse {
    json(.ok, .object([
      JSONMember("status", .string("ok")),
      JSONMember("associations", .number(Double(policies.associations.count))),
      JSONMember("versions", .number(Double(policies.versionCount))),
    ]))
  }

  // MARK: - Helpers

  static func json(_ status: HTTPStatus, _ value: JSONValue) -> HTTPResponse {
    HTTPResponse(status: status, contentType: "application/json", text: value.canonicalText + "\n")
  }

  static func json(_ text: LocalizedText) -> JSONValue {
    .object([JSONMember("ar", .string(text.arabic)), JSONMember("en", .string(text.english))])
  }

  static func error(_ status: HTTPStatus, id: String, ar: String, en: String, path: String? = nil) -> HTTPResponse {
    error(status, id: id, message: LocalizedText(ar: ar, en: en), path: path)
  }

  static func error(_ status: HTTPStatus, id: String, message: LocalizedText, path: String?) -> HTTPResponse {
    var members = [JSONMember("id", .string(id)), JSONMember("message", json(message))]
    if let path { members.append(JSONMember("path", .string(path))) }
    return json(status, .object([JSONMember("error", .object(members))]))
  }

  static func notFound(_ path: String) -> HTTPResponse {
    error(.notFound, id: "http.notFound", ar: "لا يوجد شيء في \(path)", en: "nothing at \(path)")
  }

  /// A request the HTTP parser refused, in the API's error format, with an `http.*` id.
  static func refusal(_ error: HTTPRequestError) -> HTTPResponse {
    let id: String = switch error.status {
    case .requestHeaderFieldsTooLarge: "http.headerTooLarge"
    case .contentTooLarge: "http.bodyTooLarge"
    case .requestTimeout: "http.timeout"
    case .notImplemented: "http.unsupportedTransferCoding"
    case .httpVersionNotSupported: "http.versionNotSupported"
    case .serviceUnavailable: "http.unavailable"
    default: "http.badRequest"
    }
    return Self.error(error.status, id: id, ar: error.message, en: error.message)
  }

  static func language(_ request: HTTPRequest) -> Language {
    request.queryValue("lang") == "ar" ? .arabic : .english
  }

  /// `?on=DATE`, or today; nil when `on` is not a date.
  static func date(_ request: HTTPRequest, service: StaffService) -> CalendarDate? {
    guard let text = request.queryValue("on") else { return service.configuration.today() }
    return try? CalendarDate.parse(text).get()
  }

  static func badDate(_ request: HTTPRequest) -> HTTPResponse {
    let text = request.queryValue("on") ?? ""
    return error(.badRequest, id: "http.badDate", ar: "`on` ليس تاريخًا: \(text)",
                 en: "`on` is not a date (YYYY-MM-DD or YYYY-MM-DDH): \(text)", path: "on")
  }
}
