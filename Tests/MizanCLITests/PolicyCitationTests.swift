import Mizan
import MizanTestSupport
import Testing

/// Every quote in the shipped policies is that association's approved text: each `cite` (of the
/// version file and of every shared clause it includes and does not override) and each approval
/// line (`written`) appears in the policy's `sources/*.txt`, whitespace aside. Bir bin Hirmas's
/// source is a scrambled PDF extraction, so its quotes are reconstructed: there every word of a
/// quote must be a word of the source.
@Suite("policy citations")
struct PolicyCitationTests {
  static let policies = Paths.packageRoot() + "/policies"
  static let store = PolicyStore(root: policies)
  /// Associations whose source lines are scrambled: quotes are checked word by word.
  static let reconstructed: Set<String> = ["bir-bin-hirmas"]
  /// Words the extraction split and the scrambling moved apart, with the source words their
  /// pieces stand in (see the comment at the top of bir-bin-hirmas's policy).
  static let rejoinedWords: [String: [String]] = ["التوضيح": ["ا", "ةلتوضيح"], "للجنة": ["للجن", "ةلتوضيح"]]

  /// Every version file of every association, loaded without the approvals check (quotes are
  /// checked whether or not the version is recorded in approvals.lock).
  static let versions: [(association: String, path: String)] = store.associations.flatMap { association in
    store.versionPaths(of: association).map { (association, $0) }
  }

  static func normalized(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  static func words(_ text: String) -> [String] {
    text.split { !$0.isLetter }.map(String.init)
  }

  /// The quotes of a loaded version: cited rules, facts and documents, and the approval line.
  static func quotes(of policy: LoadedPolicy) -> [(place: String, text: String)] {
    var quotes = policy.provenance.filter { !$0.isAssumed }.map { ("\($0.kind) \($0.name) (\($0.location))", $0.text) }
    for document in policy.checked.documents {
      if let citation = document.described.provenance, !citation.isAssumed {
        quotes.append(("document \(document.name)", citation.text.value))
      }
    }
    for fact in policy.checked.facts {
      if let citation = fact.described.provenance, !citation.isAssumed {
        quotes.append(("fact \(fact.name)", citation.text.value))
      }
    }
    if case .approved(_, _, _, let written?) = policy.checked.header.status { quotes.append(("approval", written)) }
    return quotes
  }

  static func load(_ path: String) throws -> LoadedPolicy {
    switch store.load(path, verifyingApproval: false) {
    case .success(let policy): return policy
    case .failure(let failure): throw failure
    }
  }

  @Test("there are five associations with a version each")
  func associations() {
    #expect(Set(Self.versions.map(\.association)) == ["bir-bin-hirmas", "creative-mom", "raabigh", "rida", "taafi"])
  }

  @Test("every quote appears in the association's own text", arguments: versions.map(\.path))
  func quotesAppearInSource(path: String) throws {
    let policy = try Self.load(path)
    let source = try #require(policy.checked.header.source, "\(path) names no source")
    let sourcePath = Files.directory(of: path) + "/" + source
    let text = String(decoding: try Files.read(sourcePath), as: UTF8.self)
    let quotes = Self.quotes(of: policy)
    #expect(quotes.count >= 5)
    if Self.reconstructed.contains(policy.association) {
      let sourceWords = Set(Self.words(text))
      for quote in quotes {
        for word in Self.words(quote.text) where !sourceWords.contains(word) {
          let pieces = Self.rejoinedWords[word]
          #expect(pieces?.allSatisfy(sourceWords.contains) == true,
                  "\(path): \(quote.place): the word «\(word)» is not in \(source)")
        }
      }
    } else {
      let haystack = Self.normalized(text)
      for quote in quotes {
        #expect(haystack.contains(Self.normalized(quote.text)),
                "\(path): \(quote.place): «\(quote.text)» is not in \(source)")
      }
    }
  }

  @Test("no clause is quoted in two files: shared wording lives once in policies/common")
  func noCopiedClauses() throws {
    var files: [String: Set<String>] = [:]
    for version in Self.versions {
      let policy = try Self.load(version.path)
      for entry in policy.provenance where !entry.isAssumed {
        let file = String(entry.location.prefix { $0 != ":" })
        files[Self.normalized(entry.text), default: []].insert(file)
      }
    }
    for (quote, places) in files where places.count > 1 {
      Issue.record("«\(quote)» is quoted in \(places.sorted().joined(separator: " and ")): move it to policies/common")
    }
  }
}
