import Foundation
import MizanTestSupport
import Testing

/// `mizan schema` and `mizan template`: what a record must hold, for the programs and the staff
/// that write records. Goldens for the output; the structure tests tie the schema to the policy
/// and prove that a filled-in template is a record `mizan eval` accepts.
@Suite("mizan schema and template", .serialized)
struct RecordFormatCLITests {
  static let associations = ["raabigh", "taafi", "creative-mom", "rida"]

  static let goldenCases: [(String, [String])] = [
    ("template-taafi", ["template", "taafi", "--on", "2024-03-10"]),
    ("template-taafi-hijri-date", ["template", "taafi", "--on", "1445-08-29H"]),
    ("template-households", ["template", "sample", "--draft", "--on", "2025-01-01",
                             "--policies", "fixtures/policies/households"]),
    ("schema-raabigh", ["schema", "raabigh", "--on", "2024-03-10"]),
    ("schema-households", ["schema", "sample", "--draft", "--on", "2025-01-01",
                           "--policies", "fixtures/policies/households"]),
    ("template-only-draft", ["template", "bir-bin-hirmas", "--on", "2024-03-10"]),
    ("template-unknown-association", ["template", "common", "--on", "2024-03-10"]),
    ("template-no-association", ["template"]),
    ("schema-before-any-version", ["schema", "taafi", "--on", "1990-01-01"]),
  ]

  @Test("output matches its golden", arguments: goldenCases)
  func golden(name: String, arguments: [String]) throws {
    let result = try MizanProcess.run(arguments)
    assertGolden(result.transcript(command: arguments.joined(separator: " ")), path: "golden/record-format/\(name).txt")
  }

  @Test("the schema lists exactly the policy's channels and document types", arguments: associations)
  func schemaEnumerations(association: String) throws {
    let schema = try object(try MizanProcess.run(["schema", association, "--on", "2024-06-01"]))
    let properties = try #require(schema["properties"] as? [String: Any])
    let channel = try #require(properties["channel"] as? [String: Any])
    let channels = try #require(channel["enum"] as? [String])
    let explained = try MizanProcess.run(["eval", filledTemplate(association), "--format", "json"])
    #expect(explained.exitCode == 0, "\(explained.standardError)")
    let outcome = try #require(try JSONSerialization.jsonObject(with: Data(explained.standardOutput.utf8)) as? [String: Any])
    let checklist = try #require(outcome["checklist"] as? [[String: Any]])
    let documents = try #require(properties["documents"] as? [String: Any])
    let types = Set(try documentTypes(in: try #require(documents["items"] as? [String: Any])))
    // Every document the checklist can ask for has a type the schema accepts.
    for item in checklist {
      for accepted in item["accepts"] as? [String] ?? [] {
        #expect(types.contains(accepted), "\(association): \(accepted) missing from the schema")
      }
    }
    #expect(channels.contains("interview"))
    #expect(Set(channels).count == channels.count, "a channel listed twice")
  }

  @Test("a template with its placeholders filled in is a record that evaluates", arguments: associations)
  func filledTemplateEvaluates(association: String) throws {
    let result = try MizanProcess.run(["eval", try filledTemplate(association)])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("Application T-1, submitted 2024-06-01"))
  }

  @Test("a template without its placeholders filled in is refused, naming the first one")
  func unfilledTemplateIsRefused() throws {
    let template = try MizanProcess.run(["template", "taafi", "--on", "2024-06-01"])
    let path = try MizanProcess.temporaryDirectory("template") + "/record.json"
    try Data(template.standardOutput.utf8).write(to: URL(fileURLWithPath: path))
    let result = try MizanProcess.run(["eval", path])
    #expect(result.exitCode == 3)
    #expect(result.standardError.contains("application_id"))
  }

  // MARK: - Helpers

  /// The association's template with its date placeholders set to the submission date and an
  /// application id, written to a scratch file.
  func filledTemplate(_ association: String) throws -> String {
    let template = try MizanProcess.run(["template", association, "--on", "2024-06-01"])
    #expect(template.exitCode == 0, "\(template.standardError)")
    let filled = template.standardOutput
      .replacingOccurrences(of: "\"YYYY-MM-DD\"", with: "\"2024-06-01\"")
      .replacingOccurrences(of: "\"application_id\": \"\"", with: "\"application_id\": \"T-1\"")
    let path = try MizanProcess.temporaryDirectory("template") + "/\(association).json"
    try Data(filled.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func object(_ result: ProcessResult) throws -> [String: Any] {
    #expect(result.exitCode == 0, "\(result.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
  }

  /// The `type` constants or enums of a document item schema, through its `oneOf` branches.
  func documentTypes(in items: [String: Any]) throws -> [String] {
    if let branches = items["oneOf"] as? [[String: Any]] {
      return try branches.flatMap { try documentTypes(in: $0) }
    }
    let properties = try #require(items["properties"] as? [String: Any])
    let type = try #require(properties["type"] as? [String: Any])
    if let constant = type["const"] as? String { return [constant] }
    return type["enum"] as? [String] ?? []
  }
}
