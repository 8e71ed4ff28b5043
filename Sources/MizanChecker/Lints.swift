import MizanCore
import MizanSyntax

extension Checker {
  /// Every declaration is labelled in both languages; every rule, parameter and committee
  /// quotes the approved text or says it is assumed.
  mutating func lintLabelsAndProvenance(_ declarations: [Declaration]) {
    for declaration in declarations {
      lintLabels(declaration.labels, name: declaration.name.name, at: declaration.name.span)
      switch declaration.kind {
      case .condition, .requirement, .memberRequirement, .parameter, .committee, .stage:
        guard let provenance = declaration.provenance else {
          report(.missingProvenance(declaration.name.name), at: declaration.name.span,
                 help: LocalizedText(ar: "أضف `cite \"…\"` باقتباس البند من النص المعتمد، أو `assumed \"…\"` مع المبرر",
                                     en: "add `cite \"…\"` quoting the approved text, or `assumed \"…\"` with the rationale"))
          continue
        }
        lintNotEmpty(provenance.text)
      case .document, .fact, .derived:
        if let provenance = declaration.provenance { lintNotEmpty(provenance.text) }
      case .enumeration, .member, .vocabulary:
        // A vocabulary or a kind of member is not a rule: a quote or an assumption here would be
        // counted nowhere.
        guard let provenance = declaration.provenance else { continue }
        report(.provenanceOnEnumeration(declaration.name.name, assumed: provenance.isAssumed),
               at: provenance.text.span,
               help: LocalizedText(ar: "ضع الاقتباس أو الافتراض على القاعدة التي تستعمل هذه القيم أو تسأل عن هؤلاء الأفراد",
                                   en: "put the quote or the assumption on the rule that uses these values or asks about these members"))
      }
    }
  }

  mutating func lintNotEmpty(_ text: TextLiteral) {
    if text.value.allSatisfy(\.isWhitespace) { report(.emptyCitation, at: text.span) }
  }

  mutating func lintLabels(_ labels: Labels?, name: String, at span: SourceSpan) {
    if labels?.arabic.map({ !$0.value.allSatisfy(\.isWhitespace) }) != true {
      report(.missingLabel("ar", of: name), at: labels?.span ?? span)
    }
    if labels?.english.map({ !$0.value.allSatisfy(\.isWhitespace) }) != true {
      report(.missingLabel("en", of: name), at: labels?.span ?? span)
    }
  }

  mutating func warnUnusedParameters(_ declarations: [Declaration]) {
    var index = 0
    for declaration in declarations {
      guard case .parameter = declaration.kind else { continue }
      // A parameter whose value failed to check is already reported, and its uses were skipped.
      if !usedParameters.contains(index), !symbols.poisoned.contains(declaration.name.name),
        !isReferencedOutsideExpressions(declaration.name.name)
      {
        report(.unusedParameter(declaration.name.name), at: declaration.name.span)
      }
      index += 1
    }
  }

  /// The committee's reply period is the one use of a parameter that is not an expression
  /// the evaluator keeps; it still counts as a use.
  func isReferencedOutsideExpressions(_ name: String) -> Bool {
    for file in [sources.main] + sources.includes {
      for declaration in file.declarations {
        if case .committee(let replyAfter?) = declaration.kind, referencedNames(in: replyAfter).contains(name) {
          return true
        }
      }
    }
    return false
  }
}
