import MizanChecker
import MizanCore
import MizanSyntax

/// `mizan check`'s fidelity check: every `cite "…"` of a version is found in the approved text
/// its header names (`source "sources/2024-01-15.txt"`, beside the version file), compared as
/// a reader compares (`QuoteMatching`: spacing, tatweel, diacritics and alef, ya and ta marbuta
/// forms aside). A quote that is not there, or a source that is not there, is an error: a rule
/// that cites words the association never approved is not what it claims to be.
///
/// Quotes in included files (`common/`) are checked against the text of the version that
/// includes them, and only where the version uses them (a declaration the version redefines
/// quotes its own text).
enum CitationCheck {
  /// The longest approved text read (a few kilobytes is usual).
  static let maxSourceBytes = 4 << 20

  static func diagnostics(for checked: CheckedPolicy, header: PolicyHeader?, versionPath: String,
                          boundary: String) -> [Diagnostic] {
    let quotes = citedQuotes(of: checked)
    guard let clause = header?.source else {
      guard let first = quotes.first else { return [] }
      return [Diagnostic(.sourceNotDeclared(quotes.count), at: first.span,
                         help: LocalizedText(ar: "أضف إلى الترويسة `source \"sources/<التاريخ>.txt\"` بالنص المعتمد كما هو",
                                             en: "add `source \"sources/<date>.txt\"` to the header, with the approved text as it is"))]
    }
    let path = FileSystem.normalize(FileSystem.directory(of: versionPath) + "/" + clause.value)
    guard PolicyLoader.isInside(path, boundary) else {
      return [Diagnostic(.sourceOutsideFolder(clause.value), at: clause.span)]
    }
    let text: String
    do {
      text = try FileSystem.readText(path, maxBytes: maxSourceBytes)
    } catch {
      return [Diagnostic(.sourceUnreadable(clause.value, error.reason), at: clause.span,
                         help: LocalizedText(ar: "احفظ النص المعتمد في هذا الملف؛ الاقتباسات تُطابَق عليه",
                                             en: "keep the approved text in this file: the quotes are checked against it"))]
    }
    let source = QuoteMatching(text: text)
    var diagnostics: [Diagnostic] = []
    for quote in quotes where !source.contains(quote.value) {
      let notes = source.closestPassage(to: quote.value).map { passage in
        [DiagnosticNote(LocalizedText(ar: "أقرب مقطع في `\(clause.value)`: «\(passage)»",
                                      en: "the closest passage of `\(clause.value)`: «\(passage)»"), at: nil)]
      } ?? []
      diagnostics.append(Diagnostic(.quoteNotInSource(clause.value), at: quote.span, notes: notes,
                                    help: LocalizedText(
                                      ar: "انسخ البند من النص المعتمد كما هو، أو اجعل القاعدة `assumed \"…\"` مع المبرر",
                                      en: "copy the clause from the approved text as it is, or make the rule `assumed \"…\"` with the rationale")))
    }
    return diagnostics
  }

  /// The quotes of every declaration the version uses, in file order, each once.
  static func citedQuotes(of checked: CheckedPolicy) -> [TextLiteral] {
    var described = checked.parameters.map(\.described) + checked.facts.map(\.described)
    described += checked.documents.map(\.described) + checked.derived.map(\.described)
    described += checked.conditions.map(\.described) + checked.requirements.map(\.described)
    described += checked.memberRequirements.map(\.described) + checked.stages.map(\.described)
    described += checked.members.flatMap { $0.facts.map(\.described) + $0.documents.map(\.described) }
    if let committee = checked.committee { described.append(committee.described) }
    // Spans compare equal whatever their position (they are not part of a node's meaning), so
    // a quote is told apart by its file and offset.
    struct Place: Hashable {
      let file: ObjectIdentifier
      let offset: Int
    }
    var seen: Set<Place> = []
    var quotes: [TextLiteral] = []
    for item in described {
      guard case .cited(let text)? = item.provenance else { continue }
      let place = Place(file: ObjectIdentifier(text.span.file), offset: text.span.range.lowerBound)
      guard seen.insert(place).inserted else { continue }
      quotes.append(text)
    }
    return quotes
  }
}

extension DiagnosticMessage {
  static func quoteNotInSource(_ source: String) -> DiagnosticMessage {
    DiagnosticMessage("check.quoteNotInSource", .error,
                      ar: "الاقتباس غير موجود في النص المعتمد `\(source)`",
                      en: "the quote is not in the approved text `\(source)`")
  }

  static func sourceNotDeclared(_ count: Int) -> DiagnosticMessage {
    DiagnosticMessage("check.sourceNotDeclared", .warning,
                      ar: "الاقتباسات (\(count)) لا يمكن مطابقتها: الترويسة لا تذكر ملف النص المعتمد `source`",
                      en: "the quotes (\(count)) cannot be checked: the header names no `source` file of the approved text")
  }

  static func sourceOutsideFolder(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage("check.sourceOutsideFolder", .error,
                      ar: "ملف النص المعتمد `\(path)` خارج مجلد السياسات؛ لا يُقرأ",
                      en: "the approved text `\(path)` lies outside the policies folder; it is not read")
  }

  static func sourceUnreadable(_ path: String, _ problem: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage("check.sourceUnreadable", .error,
                      ar: "تعذّرت قراءة النص المعتمد `\(path)`: \(problem.arabic)",
                      en: "cannot read the approved text `\(path)`: \(problem.english)")
  }
}
