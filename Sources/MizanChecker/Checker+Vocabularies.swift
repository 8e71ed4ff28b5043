import MizanCore
import MizanSyntax

/// Vocabularies: sets of texts too large for an enumeration (the villages of a service area,
/// some 195 nationalities), kept in a data file beside the policy and read by the loader.
extension Checker {
  mutating func checkVocabularies(_ declarations: [Declaration]) -> [CheckedVocabulary] {
    var result: [CheckedVocabulary] = []
    for declaration in declarations {
      guard case .vocabulary(let file) = declaration.kind else { continue }
      let key = VocabularyKey(declaringFile: declaration.name.span.file.path, path: file.value)
      guard let values = sources.vocabularies[key] else {
        report(.vocabularyNotRead(file.value), at: file.span,
               help: LocalizedText(ar: "يقرأ `mizan` ملف المفردات مع السياسة؛ تأكد أنه بجانبها داخل مجلد السياسات",
                                   en: "mizan reads the file with the policy: keep it beside the policy, inside the policies folder"))
        symbols.poisoned.insert(declaration.name.name)
        continue
      }
      if values.isEmpty {
        report(.emptyVocabulary(file.value), at: file.span,
               help: LocalizedText(ar: "قيمة في كل سطر؛ الأسطر الفارغة وما يبدأ بـ # لا تُعد", en: "one value a line; blank lines and # comments do not count"))
      }
      result.append(CheckedVocabulary(described: described(declaration), file: file.value, values: values))
    }
    return result
  }

  /// `text in vocabulary`: the element must be a text.
  mutating func typeCheckInVocabulary(_ element: Expression, vocabulary: Int, negated: Bool,
                                      span: SourceSpan) -> (TypedExpression, ValueType)? {
    guard let (typed, type) = typeCheck(element, expecting: .text) else { return nil }
    guard type == .text else {
      report(.typeMismatch(expected: ValueType.text.localizedName, found: type.localizedName), at: element.span,
             help: LocalizedText(ar: "المفردات نصوص: قارن بها معلومة نصية", en: "a vocabulary holds texts: test a text fact against it"))
      return nil
    }
    return (.inVocabulary(typed, vocabulary: vocabulary, negated: negated, span: span), .bool)
  }
}

extension DiagnosticMessage {
  static func vocabularyNotRead(_ file: String) -> DiagnosticMessage {
    DiagnosticMessage("check.vocabularyNotRead", .error,
                      ar: "لم يُقرأ ملف المفردات `\(file)`", en: "the vocabulary file `\(file)` was not read")
  }

  static func emptyVocabulary(_ file: String) -> DiagnosticMessage {
    DiagnosticMessage("check.emptyVocabulary", .warning,
                      ar: "ملف المفردات `\(file)` لا يحوي أي قيمة", en: "the vocabulary file `\(file)` holds no value")
  }
}
