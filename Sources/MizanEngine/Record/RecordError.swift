import MizanCore

/// Why a record cannot be evaluated, naming the JSON path: a wrong type, an unknown
/// document type, a malformed date, an unknown association or channel.
/// CAUTION: public because the façade returns it.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
  public var id: DiagnosticID
  public var path: String
  public var message: LocalizedText

  /// Paths and messages quote the record (keys, values); controls in them are written out, so
  /// that a record cannot rewrite the terminal its error is shown on.
  package init(_ id: String, path: String, ar: String, en: String) {
    self.id = DiagnosticID(id)
    self.path = path.escapingControlCharacters
    self.message = LocalizedText(ar: ar.escapingControlCharacters, en: en.escapingControlCharacters)
  }

  /// `facts.household_size: expected a whole number, found "five"`.
  public func rendered(in language: Language) -> String { "\(path): \(message[language])" }

  public var description: String { rendered(in: .english) }
}

/// Messages about records, alphabetical. Ids are `record.<name>`.
extension RecordError {
  package static func duplicateFact(_ path: String, _ name: String) -> RecordError {
    RecordError("record.duplicateFact", path: path, ar: "المعلومة `\(name)` مكررة", en: "fact `\(name)` appears twice")
  }

  package static func invalidDate(_ path: String, _ text: String, ar: String, en: String) -> RecordError {
    RecordError("record.invalidDate", path: path, ar: "تاريخ غير صالح \"\(text)\": \(ar)",
                en: "invalid date \"\(text)\": \(en)")
  }

  /// A Gregorian date before 1900: almost always a Hijri date written without its `H`.
  package static func gregorianYearTooEarly(_ path: String, _ text: String, hijri: String?) -> RecordError {
    let hintAR = hijri.map { "؛ هل تقصد \($0)؟ (التاريخ الهجري يُكتب بحرف H في آخره)" } ?? ""
    let hintEN = hijri.map { "; did you mean \($0)? (a Hijri date ends in H)" } ?? ""
    return RecordError("record.invalidDate", path: path,
                       ar: "تاريخ غير صالح \"\(text)\": سنة ميلادية قبل \(RecordSchema.earliestGregorianYear)\(hintAR)",
                       en: "invalid date \"\(text)\": a Gregorian year before \(RecordSchema.earliestGregorianYear)\(hintEN)")
  }

  package static func invalidJSON(_ path: String, ar: String, en: String) -> RecordError {
    RecordError("record.invalidJSON", path: path, ar: "ليس JSON صالحاً: \(ar)", en: "not valid JSON: \(en)")
  }

  /// A record that cannot be read: not JSON (`record.invalidJSON`), or past one of the reader's
  /// limits, each with its own id (`record.tooLarge`, `record.tooDeep`, `record.stringTooLong`,
  /// `record.tooManyMembers`); located by JSON path, line and column.
  package static func unreadable(_ error: JSONReadError) -> RecordError {
    let path = error.path.description
    let whereAR = "(السطر \(error.line)، العمود \(error.column))"
    let whereEN = "at line \(error.line), column \(error.column)"
    switch error.kind {
    case .numberOutOfRange:
      return RecordError("record.numberOutOfRange", path: path, ar: "\(error.reasonArabic) \(whereAR)",
                         en: "\(error.reason) \(whereEN)")
    case .tooLarge(let limit):
      return RecordError("record.tooLarge", path: path, ar: "الطلب أكبر من الحد المسموح (\(limit) بايت)",
                         en: "the record is larger than the limit (\(limit) bytes)")
    case .tooDeep:
      return RecordError("record.tooDeep", path: path, ar: "\(error.reasonArabic) \(whereAR)",
                         en: "\(error.reason) \(whereEN)")
    case .stringTooLong:
      return RecordError("record.stringTooLong", path: path, ar: "\(error.reasonArabic) \(whereAR)",
                         en: "\(error.reason) \(whereEN)")
    case .tooManyMembers:
      return RecordError("record.tooManyMembers", path: path, ar: "\(error.reasonArabic) \(whereAR)",
                         en: "\(error.reason) \(whereEN)")
    default:
      return .invalidJSON(path, ar: "\(error.reasonArabic) \(whereAR)", en: "\(error.reason) \(whereEN)")
    }
  }

  package static func missingField(_ path: String) -> RecordError {
    RecordError("record.missingField", path: path, ar: "حقل مطلوب مفقود", en: "required field is missing")
  }

  package static func negative(_ path: String, _ found: String) -> RecordError {
    RecordError("record.negativeNumber", path: path, ar: "متوقع رقم غير سالب، وُجد \(found)",
                en: "expected a number that is not negative, found \(found)")
  }

  package static func numberOutOfRange(_ path: String, _ found: String) -> RecordError {
    RecordError("record.numberOutOfRange", path: path,
                ar: "رقم خارج النطاق \(found): أكبر قيمة يحملها ميزان 922337203685477.5807",
                en: "number out of range, found \(found): Mizan holds numbers up to 922337203685477.5807")
  }

  package static func invalidSaudiID(_ path: String, _ found: String, _ problem: SaudiID.Problem) -> RecordError {
    let why: LocalizedText =
      switch problem {
      case .notTenDigits(let count) where count < 0:
        LocalizedText(ar: "ليس أرقامًا فقط", en: "it is not all digits")
      case .notTenDigits(let count):
        LocalizedText(ar: "فيه \(count) أرقام والمطلوب 10", en: "it has \(count) digits, not 10")
      case .badPrefix(let digit):
        LocalizedText(ar: "يبدأ بـ \(digit): الهوية الوطنية تبدأ بـ 1 والإقامة بـ 2",
                      en: "it starts with \(digit): a national ID starts with 1, an Iqama with 2")
      case .checkDigit:
        LocalizedText(ar: "رقم التحقق الأخير لا يطابق: الأرجح أن رقمًا كُتب خطأً",
                      en: "its last (check) digit does not match: a digit is probably mistyped")
      }
    return RecordError("record.invalidSaudiID", path: path,
                       ar: "رقم هوية أو إقامة غير صحيح \(found): \(why.arabic)",
                       en: "not a valid Saudi ID or Iqama number \(found): \(why.english)")
  }

  package static func evaluatedBeforeSubmission(_ path: String, evaluated: CalendarDate,
                                                submitted: CalendarDate) -> RecordError {
    RecordError("record.evaluatedBeforeSubmission", path: path,
                ar: "تاريخ التقييم \(evaluated.iso) قبل تاريخ التقديم \(submitted.iso)",
                en: "the evaluation date \(evaluated.iso) is before the submission date \(submitted.iso)")
  }

  package static func tooManyMembers(_ path: String, limit: Int) -> RecordError {
    RecordError("record.tooManyMembers", path: path, ar: "عدد الأفراد يتجاوز الحد (\(limit))",
                en: "more members than the limit (\(limit))")
  }

  package static func unknownMemberFact(_ path: String, _ name: String, kind: String, suggestion: String?) -> RecordError {
    RecordError("record.unknownFact", path: path,
                ar: "معلومة لا تعرفها السياسة لكل `\(kind)`: `\(name)`" + (suggestion.map { "؛ هل تقصد `\($0)`؟" } ?? ""),
                en: "the policy declares no fact `\(name)` of a `\(kind)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""))
  }

  package static func tooManyDocuments(_ path: String, limit: Int) -> RecordError {
    RecordError("record.tooManyDocuments", path: path, ar: "عدد المستندات يتجاوز الحد (\(limit))",
                en: "more documents than the limit (\(limit))")
  }

  package static func unknownAssociation(_ path: String, _ name: String, known: [String], suggestion: String?) -> RecordError {
    let hintEN = suggestion.map { "; did you mean `\($0)`?" } ?? "; known: \(known.joined(separator: ", "))"
    let hintAR = suggestion.map { "؛ هل تقصد `\($0)`؟" } ?? "؛ المعروفة: \(known.joined(separator: "، "))"
    return RecordError("record.unknownAssociation", path: path, ar: "جمعية غير معروفة `\(name)`\(hintAR)",
                       en: "unknown association `\(name)`\(hintEN)")
  }

  package static func unknownField(_ path: String, _ name: String, suggestion: String?) -> RecordError {
    RecordError("record.unknownField", path: path,
                ar: "حقل غير معروف `\(name)`" + (suggestion.map { "؛ هل تقصد `\($0)`؟" } ?? ""),
                en: "unknown field `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""))
  }

  package static func unknownFact(_ path: String, _ name: String, suggestion: String?) -> RecordError {
    RecordError("record.unknownFact", path: path,
                ar: "معلومة لا تعرفها السياسة `\(name)`" + (suggestion.map { "؛ هل تقصد `\($0)`؟" } ?? ""),
                en: "the policy declares no fact `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? ""))
  }

  /// An enumeration value the policy does not list: the closest one when it looks like a typo,
  /// otherwise the values it does list, so the person writing the record never has to guess.
  package static func unknownValue(_ path: String, _ value: String, of enumeration: String,
                                   among values: [String]) -> RecordError {
    let choice = Choice(value, among: values)
    return RecordError("record.unknownValue", path: path,
                       ar: "قيمة غير معروفة \"\(value)\" في `\(enumeration)`" + choice.arabic,
                       en: "unknown `\(enumeration)` value \"\(value)\"" + choice.english)
  }

  package static func unknownDocumentType(_ path: String, _ name: String, among types: [String]) -> RecordError {
    let choice = Choice(name, among: types)
    return RecordError("record.unknownDocumentType", path: path,
                       ar: "نوع مستند غير معروف \"\(name)\"" + choice.arabic,
                       en: "unknown document type \"\(name)\"" + choice.english)
  }

  package static func wrongType(_ path: String, expected: LocalizedText, found: String) -> RecordError {
    RecordError("record.wrongType", path: path, ar: "متوقع \(expected.arabic)، وُجد \(found)",
                en: "expected \(expected.english), found \(found)")
  }
}

/// The tail of an "unknown value" message: "did you mean `x`?" when one name is close,
/// otherwise the accepted names (the first `listed`, then how many more).
private struct Choice {
  static let listed = 12
  let arabic: String
  let english: String

  init(_ given: String, among names: [String]) {
    if let nearest = Suggestions.nearest(to: given, among: names) {
      arabic = "؛ هل تقصد `\(nearest)`؟"
      english = "; did you mean `\(nearest)`?"
    } else if names.isEmpty {
      arabic = "؛ لا تقبل السياسة أي قيمة هنا"
      english = "; the policy accepts none here"
    } else {
      let shown = names.prefix(Self.listed).map { "`\($0)`" }
      let more = names.count - shown.count
      arabic = "؛ المقبول: " + shown.joined(separator: "، ") + (more > 0 ? " و\(more) غيرها" : "")
      english = "; expected one of " + shown.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
    }
  }
}
