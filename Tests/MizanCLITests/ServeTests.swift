import Foundation
import MizanTestSupport
import Testing

/// `mizan serve`, driven over real sockets as a case-management system and a browser would:
/// the API (every endpoint, every error status, byte identity with `mizan eval`), the limits, the
/// staff forms, reload on SIGHUP and shutdown on SIGTERM.
@Suite("mizan serve", .serialized)
struct ServeTests {
  static let records = [
    "fixtures/records/raabigh/eligible-complete.json", "fixtures/records/raabigh/incomplete-expired-id.json",
    "fixtures/records/taafi/eligible-complete.json", "fixtures/records/creative-mom/eligible-complete.json",
    "fixtures/records/rida/incomplete-membership-proof-expired.json",
  ]

  func bytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: Paths.packageRoot() + "/" + path)))
  }

  // MARK: - The API

  @Test("POST /v1/evaluate answers byte for byte what `mizan eval --format json` prints")
  func evaluateIsIdenticalToEval() throws {
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    for path in Self.records {
      let response = try connection.request("POST", "/v1/evaluate", body: try bytes(path),
                                            headers: ["Content-Type": "application/json"])
      let cli = try MizanProcess.run(["eval", path, "--format", "json"], environment: ["MIZAN_TODAY": "2024-03-10"])
      #expect(response.status == 200, "\(path)")
      #expect(response.header("content-type") == "application/json")
      #expect(response.text == cli.standardOutput, "\(path)")
    }
    #expect(server.stop() == 0)
  }

  @Test("?explain answers the text of `mizan eval --explain`, in Arabic with lang=ar")
  func explain() throws {
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    let path = "fixtures/records/raabigh/incomplete-expired-id.json"
    for (query, language) in [("?explain", "en"), ("?explain&lang=ar", "ar")] {
      let response = try connection.request("POST", "/v1/evaluate" + query, body: try bytes(path))
      let cli = try MizanProcess.run(["eval", path, "--explain", "--lang", language])
      #expect(response.status == 200)
      #expect(response.text == cli.standardOutput)
    }
    server.stop()
  }

  @Test("errors are JSON with the CLI's ids and the right status")
  func apiErrors() throws {
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    let invalid = "fixtures/records/invalid/"
    let cases: [(method: String, target: String, body: [UInt8], status: Int, id: String)] = [
      ("POST", "/v1/evaluate", Array("{\"application_id\":".utf8), 400, "record.invalidJSON"),
      ("POST", "/v1/evaluate", try bytes(invalid + "unknown-document-type.json"), 422, "record.unknownDocumentType"),
      ("POST", "/v1/evaluate", try bytes(invalid + "unknown-association.json"), 422, "record.unknownAssociation"),
      ("POST", "/v1/evaluate", try bytes("fixtures/records/raabigh/no-policy-in-force.json"), 422, "record.noPolicyInForce"),
      ("POST", "/v1/evaluate", try bytes("fixtures/records/bir-bin-hirmas/eligible-complete.json"), 422, "record.onlyDraft"),
      ("POST", "/v1/evaluate", [], 400, "record.invalidJSON"),
      ("GET", "/v1/evaluate", [], 405, "http.methodNotAllowed"),
      ("DELETE", "/v1/policies", [], 405, "http.methodNotAllowed"),
      ("GET", "/v1/nothing", [], 404, "http.notFound"),
      ("GET", "/v1/policies/atlantis/schema", [], 404, "http.unknownAssociation"),
      ("GET", "/v1/policies/bir-bin-hirmas/schema", [], 422, "record.onlyDraft"),
      ("GET", "/v1/policies?on=2024-02-30", [], 400, "http.badDate"),
    ]
    for item in cases {
      let response = try connection.request(item.method, item.target, body: item.body)
      #expect(response.status == item.status, "\(item.method) \(item.target): \(response.text)")
      #expect(response.text.contains("\"id\":\"\(item.id)\""), "\(item.method) \(item.target): \(response.text)")
      #expect(response.header("content-type") == "application/json")
    }
    let form = try connection.request("POST", "/v1/evaluate", body: Array("a=1".utf8),
                                      headers: ["Content-Type": "application/x-www-form-urlencoded"])
    #expect(form.status == 415)
    let method = try connection.request("PUT", "/healthz")
    #expect(method.status == 405)
    #expect(method.header("allow") == "GET, HEAD")
    server.stop()
  }

  @Test("GET /v1/policies lists versions and the one in force; the schema is `mizan schema`'s")
  func policiesAndSchema() throws {
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    let listing = try connection.request("GET", "/v1/policies")
    #expect(listing.status == 200)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(listing.body)) as? [String: Any])
    #expect(object["on"] as? String == "2024-03-10")
    let associations = try #require(object["associations"] as? [[String: Any]])
    #expect(associations.map { $0["id"] as? String } == ["bir-bin-hirmas", "creative-mom", "raabigh", "rida", "taafi"])
    let raabigh = try #require(associations.first { $0["id"] as? String == "raabigh" })
    #expect(raabigh["in_force"] as? String == "2024-01-15")
    #expect(associations.first { $0["id"] as? String == "bir-bin-hirmas" }?["in_force"] is NSNull)
    let before = try connection.request("GET", "/v1/policies?on=2020-01-01")
    #expect(before.text.contains("\"id\":\"raabigh\",\"in_force\":null"))

    let schema = try connection.request("GET", "/v1/policies/raabigh/schema")
    let cli = try MizanProcess.run(["schema", "raabigh", "--on", "2024-03-10"])
    #expect(schema.status == 200)
    #expect(schema.text == cli.standardOutput)
    let health = try connection.request("GET", "/healthz")
    #expect(health.text == "{\"associations\":5,\"status\":\"ok\",\"versions\":5}\n")
    let head = try connection.request("HEAD", "/healthz")
    #expect(head.status == 200)
    server.stop()
  }

  @Test("with --log, every decision is logged with the staff member's name and replays")
  func logging() throws {
    let folder = try MizanProcess.temporaryDirectory("serve-log")
    let log = folder + "/decisions.log"
    let server = try ServerProcess(["--log", log])
    let connection = try HTTPTestConnection(port: server.port)
    for (index, path) in Self.records.enumerated() {
      let response = try connection.request("POST", "/v1/evaluate", body: try bytes(path), headers: ["Mizan-Staff": "Sara"])
      #expect(response.header("mizan-log-sequence") == String(index + 1))
    }
    #expect(server.stop() == 0)
    let text = try String(contentsOfFile: log, encoding: .utf8)
    #expect(text.split(separator: "\n").count == Self.records.count)
    #expect(text.components(separatedBy: "\"logged_by\":\"Sara\"").count == Self.records.count + 1)
    // The time of each entry is the wall clock's, in UTC, to the second.
    let stamp = try #require(text.range(of: #""logged_at":"([0-9T:\-]+)Z""#, options: .regularExpression))
    let logged = String(text[stamp].dropFirst(13).dropLast(2))
    let formatter = ISO8601DateFormatter()
    let when = try #require(formatter.date(from: logged + "Z"), "\(logged)")
    #expect(abs(when.timeIntervalSinceNow) < 120)
    let replay = try MizanProcess.run(["replay", log])
    #expect(replay.exitCode == 0, "\(replay.standardOutput)")
    #expect(replay.standardOutput.contains("5 reproduced"))
  }

  // MARK: - HTTP

  @Test("keep-alive, pipelining and a chunked body")
  func connectionHandling() throws {
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try connection.readResponse().status == 200)
    #expect(try connection.readResponse().status == 200)
    let record = try bytes(Self.records[0])
    var chunked = Array("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
    for start in stride(from: 0, to: record.count, by: 700) {
      let piece = record[start..<min(start + 700, record.count)]
      chunked += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + [13, 10]
    }
    chunked += Array("0\r\n\r\n".utf8)
    try connection.send(chunked)
    let response = try connection.readResponse()
    let cli = try MizanProcess.run(["eval", Self.records[0], "--format", "json"])
    #expect(response.status == 200)
    #expect(response.text == cli.standardOutput)
    try connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    #expect(try connection.readResponse().header("connection") == "close")
    #expect(connection.isClosedByServer())
    server.stop()
  }

  @Test("malformed, oversized and ambiguous requests are refused and the connection closed")
  func refusals() throws {
    let server = try ServerProcess([])
    let cases: [(String, [UInt8], Int)] = [
      ("header over 16 KiB", Array(("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 20_000) + "\r\n\r\n").utf8), 431),
      ("body over 1 MiB", Array("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n".utf8), 413),
      ("both framings", Array("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n".utf8), 400),
      ("two lengths", Array("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd".utf8), 400),
      ("gzip coding", Array("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n".utf8), 501),
      ("no Host", Array("GET /healthz HTTP/1.1\r\n\r\n".utf8), 400),
      ("HTTP/2", Array("GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n".utf8), 505),
      ("folded line", Array("GET /healthz HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n".utf8), 400),
      ("space before colon", Array("GET /healthz HTTP/1.1\r\nHost : x\r\n\r\n".utf8), 400),
      ("bare LF in a value", Array("GET /healthz HTTP/1.1\r\nHost: x\nY: z\r\n\r\n".utf8), 400),
      ("absolute target", Array("GET http://x/healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8), 400),
      ("bad chunk size", Array("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8), 400),
    ]
    for (name, request, status) in cases {
      let connection = try HTTPTestConnection(port: server.port)
      try connection.send(request)
      let response = try connection.readResponse()
      #expect(response.status == status, "\(name)")
      #expect(response.text.hasPrefix("{\"error\":{\"id\":\"http."), "\(name): \(response.text)")
      #expect(connection.isClosedByServer(), "\(name)")
    }
    // A body just at the limit is read (and found to hold no record); one byte more is refused
    // from its Content-Length, before it is read.
    let atLimit = try HTTPTestConnection(port: server.port)
    try atLimit.send("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n")
    try atLimit.send([UInt8](repeating: UInt8(ascii: " "), count: 1_048_576))
    let read = try atLimit.readResponse()
    #expect(read.status == 400)
    #expect(read.text.contains("record.invalidJSON"))
    let over = try HTTPTestConnection(port: server.port)
    try over.send("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n")
    #expect(try over.readResponse().status == 413)
    server.stop()
  }

  @Test("a client sending a byte a second gets 408 when its time is up; a silent one holds nothing")
  func slowClient() throws {
    let server = try ServerProcess(["--request-timeout", "2"])
    let slow = try HTTPTestConnection(port: server.port)
    let started = Date()
    var answered: HTTPTestResponse?
    for byte in Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8) {
      guard (try? slow.send([byte])) != nil else { break }
      if Date().timeIntervalSince(started) > 2.5 { break }
      Thread.sleep(forTimeInterval: 0.5)
    }
    answered = try? slow.readResponse()
    #expect(answered?.status == 408)
    #expect(Date().timeIntervalSince(started) < 6)
    // Meanwhile and after, others are served.
    let other = try HTTPTestConnection(port: server.port)
    #expect(try other.request("GET", "/healthz").status == 200)
    server.stop()
  }

  @Test("1,000 idle connections do not stop the server answering a new one")
  func idleConnections() throws {
    let server = try ServerProcess([])
    var idle: [HTTPTestConnection] = []
    for _ in 0..<1000 { idle.append(try HTTPTestConnection(port: server.port)) }
    // Half of them have started a request and stopped.
    for connection in idle.prefix(500) { try connection.send("GET /heal") }
    let fresh = try HTTPTestConnection(port: server.port)
    let response = try fresh.request("GET", "/healthz")
    #expect(response.status == 200)
    idle.removeAll()
    #expect(server.stop() == 0)
  }

  @Test("beyond --max-connections a connection gets 503 and is closed")
  func connectionLimit() throws {
    let server = try ServerProcess(["--max-connections", "3"])
    var open: [HTTPTestConnection] = []
    for _ in 0..<3 {
      let connection = try HTTPTestConnection(port: server.port)
      #expect(try connection.request("GET", "/healthz").status == 200)
      open.append(connection)
    }
    let extra = try HTTPTestConnection(port: server.port)
    #expect(try extra.readResponse().status == 503)
    open.removeAll()
    Thread.sleep(forTimeInterval: 0.3)
    #expect(try HTTPTestConnection(port: server.port).request("GET", "/healthz").status == 200)
    server.stop()
  }

  // MARK: - Signals

  @Test("SIGHUP reloads the policies whole, or keeps the old set when a file does not load")
  func reload() throws {
    let folder = try MizanProcess.temporaryDirectory("serve-reload")
    try FileManager.default.copyItem(atPath: Paths.packageRoot() + "/policies", toPath: folder + "/policies")
    let server = try ServerProcess(["--policies", folder + "/policies"])
    let connection = try HTTPTestConnection(port: server.port)
    #expect(try connection.request("GET", "/healthz").text.contains("\"versions\":5"))

    let draft = folder + "/policies/taafi/2025-01-01.mizan"
    try "this is not a policy\n".write(toFile: draft, atomically: true, encoding: .utf8)
    server.signal(SIGHUP)
    #expect(server.waitForError(containing: "policies not reloaded, the previous set stays in use"))
    #expect(try connection.request("GET", "/healthz").text.contains("\"versions\":5"))
    let record = try bytes(Self.records[2])
    #expect(try connection.request("POST", "/v1/evaluate", body: record).status == 200)

    // The approved version made into a later draft: same rules, its approval block replaced.
    var amended = try String(contentsOfFile: folder + "/policies/taafi/2020-01-22.mizan", encoding: .utf8)
      .replacingOccurrences(of: "effective 2020-01-22", with: "effective 2025-01-01")
      .replacingOccurrences(of: "version \"2020-01-22\"", with: "version \"2025-01-01\"")
    let approval = try #require(amended.range(of: "  approved {"))
    let end = try #require(amended.range(of: "\n  }\n", range: approval.upperBound..<amended.endIndex))
    amended.replaceSubrange(approval.lowerBound..<end.upperBound, with: "  draft \"rehearsal\"\n")
    try amended.write(toFile: draft, atomically: true, encoding: .utf8)
    server.signal(SIGHUP)
    #expect(server.waitForError(containing: "policies reloaded (5 associations, 6 versions)"), "\(server.standardError)")
    #expect(try connection.request("GET", "/healthz").text.contains("\"versions\":6"))
    server.stop()
  }

  @Test("SIGTERM lets the request in flight finish, logs it, and exits 0")
  func gracefulStop() throws {
    let folder = try MizanProcess.temporaryDirectory("serve-stop")
    let log = folder + "/decisions.log"
    let server = try ServerProcess(["--log", log])
    let idle = try HTTPTestConnection(port: server.port)
    #expect(try idle.request("GET", "/healthz").status == 200)
    let busy = try HTTPTestConnection(port: server.port)
    let record = try bytes(Self.records[0])
    try busy.send("POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: \(record.count)\r\n\r\n")
    try busy.send(Array(record.prefix(100)))
    Thread.sleep(forTimeInterval: 0.2)
    server.signal(SIGTERM)
    Thread.sleep(forTimeInterval: 0.3)
    #expect(idle.isClosedByServer(within: 3), "an idle connection is closed at once")
    try busy.send(Array(record.dropFirst(100)))
    let response = try busy.readResponse()
    #expect(response.status == 200)
    #expect(response.header("connection") == "close")
    #expect(response.header("mizan-log-sequence") == "1")
    #expect(server.waitForExit(within: 15) == 0)
    #expect(throws: (any Error).self) { try HTTPTestConnection(port: server.port) }
    let replay = try MizanProcess.run(["replay", log])
    #expect(replay.exitCode == 0)
    #expect(replay.standardOutput.contains("1 reproduced"))
  }

  // MARK: - Access

  @Test("another address needs a token; with one, the API wants it and the web app a sign-in")
  func token() throws {
    let refused = try MizanProcess.run(["serve", "--listen", "0.0.0.0", "--port", "0"])
    #expect(refused.exitCode == 2)
    #expect(refused.standardError.contains("needs `--token-file`"))
    let folder = try MizanProcess.temporaryDirectory("serve-token")
    let secret = "s3cret-token-for-the-tests"
    try (secret + "\n").write(toFile: folder + "/token", atomically: true, encoding: .utf8)
    let server = try ServerProcess(["--token-file", folder + "/token"])
    let connection = try HTTPTestConnection(port: server.port)
    let without = try connection.request("POST", "/v1/evaluate", body: try bytes(Self.records[0]))
    #expect(without.status == 401)
    #expect(without.header("www-authenticate")?.hasPrefix("Bearer") == true)
    let wrong = try connection.request("GET", "/v1/policies", headers: ["Authorization": "Bearer nope"])
    #expect(wrong.status == 401)
    let right = try connection.request("GET", "/v1/policies", headers: ["Authorization": "Bearer " + secret])
    #expect(right.status == 200)
    #expect(try connection.request("GET", "/healthz").status == 200)
    let page = try connection.request("GET", "/form/raabigh")
    #expect(page.status == 303)
    #expect(page.header("location") == "/sign-in")
    let signIn = try connection.request("POST", "/sign-in", body: Array("token=\(secret)".utf8))
    #expect(signIn.status == 303)
    let cookie = try #require(signIn.header("set-cookie")?.split(separator: ";").first.map(String.init))
    #expect(try connection.request("GET", "/form/raabigh", headers: ["Cookie": cookie]).status == 200)
    #expect(try connection.request("POST", "/sign-in", body: Array("token=guess".utf8)).status == 401)
    server.stop()
  }

  // MARK: - The staff forms

  /// The form token of a page (the hidden `csrf` field).
  func formToken(_ page: String) throws -> String {
    let marker = "name=\"csrf\" value=\""
    let start = try #require(page.range(of: marker))
    return String(page[start.upperBound...].prefix { $0 != "\"" })
  }

  func post(_ connection: HTTPTestConnection, _ target: String, _ fields: [(String, String)]) throws -> HTTPTestResponse {
    let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    return try connection.request("POST", target, body: Array(body.utf8),
                                  headers: ["Content-Type": "application/x-www-form-urlencoded"])
  }

  func encode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
  }

  /// For each association in force, a filled-in form gives the checklist page with the verdict
  /// `mizan eval` reaches on the same record.
  static let submissions: [(association: String, fields: [(String, String)], verdict: String)] = [
    ("raabigh", [("f.governorate", "rabigh"), ("f.monthly_income", "٢٥٠٠"), ("f.household_size", "5"),
                 ("f.needs_field_visit", "no"), ("f.national_id_number", "1012345678"), ("f.birth_date", "1980-05-01"),
                 ("d.national_id", "1"), ("d.national_id.expires_on", "2027-01-01"),
                 ("d.support_request_form", "1"), ("d.support_request_form.dated", "1445-08-29"),
                 ("d.support_request_form.dated.calendar", "hijri"),
                 ("d.data_declaration", "1"), ("d.data_declaration.signed_on", "2024-03-10"),
                 ("d.interview_record", "1"), ("d.interview_record.dated", "2024-03-10")], "ELIGIBLE"),
    ("taafi", [("f.recovering_from_addiction", "no")], "INELIGIBLE"),
    ("creative-mom", [("f.applicant_is_mother", "yes")], "INCOMPLETE"),
    ("rida", [("f.general_assembly_member", "yes"), ("d.membership_proof", "1"),
              ("d.membership_proof.expires_on", "2023-01-01")], "INCOMPLETE"),
  ]

  @Test("a form per association: submitted, it gives the checklist page with the verdict", arguments: 0..<4)
  func formSubmission(index: Int) throws {
    let (association, fields, verdict) = Self.submissions[index]
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    for query in ["", "?lang=en"] {
      let form = try connection.request("GET", "/form/\(association)\(query)")
      #expect(form.status == 200)
      #expect(form.text.contains(query.isEmpty ? "dir=\"rtl\"" : "dir=\"ltr\""))
      let common = [("csrf", try formToken(form.text)), ("action", "evaluate"), ("application_id", "T-\(index)"),
                    ("submitted_on", "2024-03-10"), ("channel", "interview")]
      let result = try post(connection, "/form/\(association)\(query)", common + fields)
      #expect(result.status == 200, "\(association): \(result.text.prefix(2000))")
      #expect(result.text.contains("Application T-\(index)") || result.text.contains("T-\(index)"))
      if query.isEmpty {
        #expect(result.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
      } else {
        #expect(result.text.contains("verdict-word\">\(verdict)<"), "\(association)")
      }
      #expect(result.text.contains("تعديل هذا الطلب") || result.text.contains("Edit this application"))
    }
    server.stop()
  }

  @Test("an error in the record is shown beside its field, and every value typed is kept")
  func formErrors() throws {
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    let form = try connection.request("GET", "/form/raabigh?lang=en")
    let fields = [("csrf", try formToken(form.text)), ("action", "evaluate"), ("application_id", "RBG-9"),
                  ("submitted_on", "2024-03-10"), ("channel", "interview"), ("f.household_size", "five"),
                  ("f.monthly_income", "2500"), ("d.national_id", "1"), ("d.national_id.expires_on", "2024-02-30")]
    let result = try post(connection, "/form/raabigh?lang=en", fields)
    #expect(result.status == 422)
    // The error sits inside the field's own block, after its input.
    let field = try #require(result.text.range(of: "name=\"f.household_size\" value=\"five\""))
    let after = result.text[field.upperBound...]
    let error = try #require(after.range(of: "class=\"error\">"))
    #expect(after[..<error.lowerBound].contains("</div>") == false, "the error is not beside the field")
    #expect(after[error.upperBound...].hasPrefix("expected a whole number"))
    for kept in ["value=\"RBG-9\"", "value=\"2500\"", "name=\"d.national_id\" value=\"1\" checked"] {
      #expect(result.text.contains(kept), "\(kept) was lost")
    }
    // Fixed, the same form evaluates; the date error was next in line.
    var fixed = fields.filter { $0.0 != "f.household_size" }
    fixed.append(("f.household_size", "5"))
    let again = try post(connection, "/form/raabigh?lang=en", fixed)
    #expect(again.status == 422)
    #expect(again.text.contains("name=\"d.national_id.expires_on\" value=\"2024-02-30\""))
    #expect(again.text.contains("aria-invalid"))
    server.stop()
  }

  @Test("a form with the wrong token is shown again, values kept, and not evaluated")
  func formToken() throws {
    let server = try ServerProcess([])
    let connection = try HTTPTestConnection(port: server.port)
    let result = try post(connection, "/form/raabigh?lang=en", [("csrf", "forged"), ("action", "evaluate"),
                                                                ("application_id", "RBG-7")])
    #expect(result.status == 403)
    #expect(result.text.contains("the form has expired or did not come from this server"))
    #expect(result.text.contains("value=\"RBG-7\""))
    server.stop()
  }

  @Test("members are added and removed by buttons, without JavaScript, the others' values kept")
  func formMembers() throws {
    let server = try ServerProcess(["--draft", "--policies", "fixtures/policies/households"])
    let connection = try HTTPTestConnection(port: server.port)
    let form = try connection.request("GET", "/form/sample?lang=en")
    #expect(form.status == 200)
    #expect(!form.text.contains("<script"))
    let token = try formToken(form.text)
    var fields = [("csrf", token), ("application_id", "ORP-2"), ("submitted_on", "2024-03-10"), ("channel", "interview"),
                  ("f.mother_income", "3000"), ("f.rent", "1500"), ("children.count", "0")]
    let one = try post(connection, "/form/sample?lang=en", fields + [("action", "add:children")])
    #expect(one.text.contains("name=\"m.children.0.name\""))
    #expect(!one.text.contains("name=\"m.children.1.name\""))
    fields = fields.filter { $0.0 != "children.count" } + [
      ("children.count", "3"),
      ("m.children.0.name", "سارة"), ("m.children.0.birth_date", "2011-04-03"), ("m.children.0.sex", "female"),
      ("m.children.0.monthly_income", "0"), ("m.children.0.studying", "yes"),
      ("m.children.0.d.school_letter", "1"), ("m.children.0.d.school_letter.dated", "2023-11-20"),
      ("m.children.1.name", "Ghost"),
      ("m.children.2.name", "علي"), ("m.children.2.sex", "male"), ("m.children.2.monthly_income", "0"),
      ("m.children.2.studying", "no"),
    ]
    let removed = try post(connection, "/form/sample?lang=en", fields + [("action", "remove:children:1")])
    #expect(!removed.text.contains("Ghost"))
    #expect(removed.text.contains("name=\"m.children.1.name\" value=\"علي\""))
    #expect(removed.text.contains("name=\"children.count\" value=\"2\""))
    let evaluated = try post(connection, "/form/sample?lang=en",
                             fields.filter { !$0.0.hasPrefix("m.children.1.") && !$0.0.hasPrefix("m.children.2.") && $0.0 != "children.count" }
                             + [("children.count", "2"), ("m.children.1.name", "علي"), ("m.children.1.sex", "male"),
                                ("m.children.1.monthly_income", "0"), ("m.children.1.studying", "no"), ("action", "evaluate")])
    let cli = try MizanProcess.run(["eval", "fixtures/records/households/incomplete-birth-date-missing.json", "--draft",
                                    "--policies", "fixtures/policies/households", "--format", "html"])
    #expect(evaluated.status == 200)
    // The page is eval's page for the same household, with the bar to edit it added.
    let report = cli.standardOutput.replacingOccurrences(of: "ORP-2", with: "ORP-2")
    let body = try #require(report.range(of: "<main class=\"sheet\">"))
    let served = try #require(evaluated.text.range(of: "<main class=\"sheet\">"))
    #expect(evaluated.text[served.lowerBound...] == report[body.lowerBound...])
    server.stop()
  }
}
