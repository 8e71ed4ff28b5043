import MizanCore

extension Parser {
  /// The clauses each declaration kind accepts, besides `label`, `cite` and `assumed`.
  static func extraClauses(of kind: Declaration.Kind) -> [String] {
    switch kind {
    case .enumeration: ["value"]
    case .document: ["provided_by", "field", "valid"]
    case .fact: ["provided_by"]
    case .member: ["shown_by"]
    case .committee: ["reply_after"]
    default: []
    }
  }

  /// `{ clause… }` after a declaration's head.
  mutating func parseBlock(of declaration: inout Declaration) {
    let open = advance()
    var seen: Set<String> = []
    let allowed = ["label", "cite", "assumed"] + Parser.extraClauses(of: declaration.kind)
    while !check(.rightBrace), !isAtEnd {
      if atDeclarationStart { break }
      let comments = takeComments(before: current.span.range.lowerBound)
      guard check(.identifier) else {
        reportExpected("a clause (\(allowed.joined(separator: ", ")))")
        synchronizeToClause()
        continue
      }
      let word = current
      if word.text != "value", word.text != "valid", word.text != "field", seen.contains(word.text) {
        report(.duplicateClause(word.text), at: word.span)
      } else if ["cite", "assumed"].contains(word.text), declaration.provenance != nil {
        report(.citedAndAssumed, at: word.span,
               help: LocalizedText(ar: "اقتبس البند إن كان في النص، وإلا فاذكر مبرر الافتراض",
                                   en: "quote the clause if the text has one; otherwise give the rationale of the assumption"))
      }
      seen.insert(word.text)
      advance()
      switch (word.text, declaration.kind) {
      case ("label", _):
        declaration.labels = parseLabels(keyword: word)
        declaration.comments.inner += comments
      case ("cite", _):
        declaration.comments.inner += comments
        if let text = parseText() { declaration.provenance = .cited(text) }
      case ("assumed", _):
        declaration.comments.inner += comments
        if let text = parseText() { declaration.provenance = .assumed(text) }
      case ("value", .enumeration(var values)):
        guard let name = expectIdentifier("a value name") else {
          synchronizeToClause()
          continue
        }
        let labels = (checkWord("ar") || checkWord("en")) ? parseLabels(keyword: word) : nil
        values.append(EnumValue(name: name, labels: labels, comments: Comments(leading: comments)))
        declaration.kind = .enumeration(values: values)
      case ("provided_by", .document(_, let validity)):
        declaration.comments.inner += comments
        guard let provider = expectIdentifier("`applicant` or `staff`") else {
          synchronizeToClause()
          continue
        }
        declaration.kind = .document(provider: provider, validity: validity)
      case ("provided_by", .fact(let type, _)):
        declaration.comments.inner += comments
        guard let provider = expectIdentifier("`applicant` or `staff`") else {
          synchronizeToClause()
          continue
        }
        declaration.kind = .fact(type: type, provider: provider)
      case ("field", .document):
        declaration.comments.inner += comments
        guard let name = expectIdentifier("a field name") else {
          synchronizeToClause()
          continue
        }
        let type = parseTypeAnnotation()
        let labels = (checkWord("ar") || checkWord("en")) ? parseLabels(keyword: word) : nil
        declaration.fields.append(DocumentFieldDeclaration(name: name, type: type, labels: labels))
      case ("valid", .document(let provider, var validity)):
        declaration.comments.inner += comments
        if let rule = parseValidityRule(keyword: word) { validity.append(rule) }
        declaration.kind = .document(provider: provider, validity: validity)
      case ("shown_by", .member):
        declaration.comments.inner += comments
        guard let fact = expectIdentifier("the name of a fact of the member") else {
          synchronizeToClause()
          continue
        }
        declaration.kind = .member(shownBy: fact)
      case ("reply_after", .committee):
        declaration.comments.inner += comments
        declaration.kind = .committee(replyAfter: parseExpression())
      default:
        reportUnknownClause(word, in: declaration.keyword, allowed: allowed)
      }
    }
    declaration.comments.inner += takeComments(before: current.span.range.lowerBound)
    if !match(.rightBrace) {
      report(.expected("`}`", found: describe(current)), at: current.span,
             help: LocalizedText(ar: "لم يُغلق القوس `{` المفتوح في \(open.span.start)",
                                 en: "the `{` opened at \(open.span.start) is not closed"))
    }
  }

  /// `ar "…" en "…"` in either order; either may be missing (the checker says so).
  mutating func parseLabels(keyword: Token) -> Labels {
    var labels = Labels(arabic: nil, english: nil, span: keyword.span)
    var parsedAny = false
    while true {
      if checkWord("ar") {
        advance()
        labels.arabic = parseText()
      } else if checkWord("en") {
        advance()
        labels.english = parseText()
      } else {
        break
      }
      parsedAny = true
    }
    if !parsedAny { reportExpected("`ar \"…\"` or `en \"…\"`") }
    labels.span = span(from: keyword.span)
    return labels
  }

  /// One or more adjacent quoted texts, joined.
  mutating func parseText() -> TextLiteral? {
    guard check(.string) else {
      reportExpected("a text in quotes")
      return nil
    }
    let first = current.span
    var pieces: [String] = []
    while check(.string) { pieces.append(advance().text) }
    return TextLiteral(pieces: pieces, span: span(from: first))
  }

  /// `not_expired`, `signed` or `dated_within N days`.
  mutating func parseValidityRule(keyword: Token) -> ValidityRule? {
    guard let rule = expectIdentifier("`not_expired`, `signed` or `dated_within N days|months|years`") else {
      synchronizeToClause()
      return nil
    }
    switch rule.name {
    case "if":
      let test = parseExpression()
      guard matchWord("otherwise") else {
        report(.expected("`otherwise ar \"…\" en \"…\"`", found: describe(current)), at: current.span,
               help: LocalizedText(ar: "قل ما الخطأ في المستند حين لا يتحقق الاختبار: `otherwise ar \"…\" en \"…\"`",
                                   en: "say what is wrong with the document when the test fails: `otherwise ar \"…\" en \"…\"`"))
        return nil
      }
      let words = previous
      return .test(test, otherwise: parseLabels(keyword: words), span: span(from: rule.span))
    case "not_expired": return .notExpired(span: rule.span)
    case "signed": return .signed(span: rule.span)
    case "dated_within":
      guard let number = expect(.number, "a number of days, months or years") else { return nil }
      guard check(.identifier), let period = Period(amount: 0, word: current.text) else {
        let amount = Int(number.text) ?? 0
        let hint: LocalizedText =
          if ["week", "weeks"].contains(current.text) {
            LocalizedText(ar: "اكتب الأسابيع أيامًا: `dated_within \(amount * 7) days`",
                          en: "write weeks as days: `dated_within \(amount * 7) days`")
          } else {
            LocalizedText(ar: "المدة بالأيام أو الأشهر أو السنوات: `dated_within \(amount) days` أو `\(amount) months` أو `\(amount) years`",
                          en: "the period is in days, months or years: `dated_within \(amount) days`, `\(amount) months` or `\(amount) years`")
          }
        report(.expected("`days`, `months` or `years`", found: describe(current)), at: current.span, help: hint)
        // The unit word is this clause's, not the start of another.
        if check(.identifier) { advance() }
        return nil
      }
      advance()
      // At most a hundred years, in any unit.
      let limit = switch period.unit {
      case .days: 36_600
      case .months: 1_200
      case .years: 100
      }
      guard let amount = Int(number.text), amount >= 0, amount <= limit else {
        report(.invalidNumber(number.text), at: number.span,
               help: LocalizedText(ar: "مدة الصلاحية عدد صحيح، مئة سنة على الأكثر (1200 شهر، 36600 يوم)",
                                   en: "a validity period is a whole number, at most 100 years (1200 months, 36600 days)"))
        return nil
      }
      return .datedWithin(Period(amount, period.unit), span: span(from: rule.span))
    default:
      let options = ["not_expired", "signed", "dated_within"]
      let help = Suggestions.nearest(to: rule.name, among: options).map {
        LocalizedText(ar: "هل تقصد `\($0)`؟", en: "did you mean `\($0)`?")
      }
      report(.unknownClause(rule.name, in: "valid"), at: rule.span, help: help)
      return nil
    }
  }
}
