import MizanCore

extension Parser {
  /// `policy <association> { name … version … effective … approved {…} | draft "…" … }`.
  mutating func parseHeader(comments: Comments) -> PolicyHeader? {
    let keyword = advance()
    guard let association = expectAssociationID() else {
      synchronizeToDeclaration()
      return nil
    }
    var header = PolicyHeader(association: association, names: nil, version: nil, effective: nil, status: nil,
                              supersedes: nil, source: nil, comments: comments, span: keyword.span)
    guard expect(.leftBrace) != nil else {
      synchronizeToDeclaration()
      return header
    }
    let open = previous
    let allowed = ["name", "version", "effective", "approved", "draft", "supersedes", "source"]
    var seen: Set<String> = []
    while !check(.rightBrace), !isAtEnd, !atDeclarationStart {
      header.comments.inner += takeComments(before: current.span.range.lowerBound)
      guard check(.identifier) else {
        reportExpected("a header clause (\(allowed.joined(separator: ", ")))")
        synchronizeToClause()
        continue
      }
      let word = advance()
      let isStatus = word.text == "approved" || word.text == "draft"
      if seen.contains(word.text) || (isStatus && header.status != nil) {
        report(.duplicateClause(word.text), at: word.span)
      }
      seen.insert(word.text)
      switch word.text {
      case "name": header.names = parseLabels(keyword: word)
      case "version": header.version = parseText()
      case "effective": header.effective = parseDateLiteral()
      case "supersedes": header.supersedes = parseText()
      case "source": header.source = parseText()
      case "draft":
        if let reason = parseText() { header.status = .draft(reason: reason) }
      case "approved":
        header.status = .approved(parseApproval(keyword: word))
      default:
        reportUnknownClause(word, in: "policy", allowed: allowed)
      }
    }
    header.comments.inner += takeComments(before: current.span.range.lowerBound)
    if !match(.rightBrace) {
      report(.expected("`}`", found: describe(current)), at: current.span,
             help: LocalizedText(ar: "لم يُغلق القوس `{` المفتوح في \(open.span.start)",
                                 en: "the `{` opened at \(open.span.start) is not closed"))
    }
    header.span = span(from: keyword.span)
    return header
  }

  /// An association id as the policies folder and records spell it: names joined by `-`
  /// with nothing between them (`bir-bin-hirmas`, `creative-mom`).
  mutating func expectAssociationID() -> Identifier? {
    guard var id = expectIdentifier("an association id") else { return nil }
    while check(.minus), current.span.range.lowerBound == id.span.range.upperBound, peek().kind == .identifier,
      peek().span.range.lowerBound == current.span.range.upperBound
    {
      advance()
      let part = advance()
      id = Identifier(id.name + "-" + part.text,
                      span: SourceSpan(file: file, range: id.span.range.lowerBound..<part.span.range.upperBound))
    }
    return id
  }

  /// `approved { body ar "…" en "…"  meeting "1"  date 2024-01-15  written "…" }`.
  mutating func parseApproval(keyword: Token) -> Approval {
    var approval = Approval(body: nil, meeting: nil, date: nil, written: nil, span: keyword.span)
    guard expect(.leftBrace) != nil else { return approval }
    let allowed = ["body", "meeting", "date", "written"]
    var seen: Set<String> = []
    while !check(.rightBrace), !isAtEnd, !atDeclarationStart {
      guard check(.identifier) else {
        reportExpected("an approval clause (\(allowed.joined(separator: ", ")))")
        synchronizeToClause()
        continue
      }
      let word = advance()
      if seen.contains(word.text) { report(.duplicateClause(word.text), at: word.span) }
      seen.insert(word.text)
      switch word.text {
      case "body": approval.body = parseLabels(keyword: word)
      case "meeting": approval.meeting = parseText()
      case "date": approval.date = parseDateLiteral()
      case "written": approval.written = parseText()
      default:
        reportUnknownClause(word, in: "approved", allowed: allowed)
      }
    }
    expect(.rightBrace)
    approval.span = span(from: keyword.span)
    return approval
  }

  /// A date token, validated (Gregorian or Umm al-Qura Hijri).
  mutating func parseDateLiteral() -> Literal? {
    guard let token = expect(.date, "a date (YYYY-MM-DD or YYYY-MM-DDH)") else { return nil }
    return dateLiteral(token)
  }

  mutating func dateLiteral(_ token: Token) -> Literal? {
    switch CalendarDate.parse(token.text) {
    case .success(let date):
      return .date(date, written: token.text)
    case .failure(let error):
      report(.invalidDate(token.text, reason: LocalizedText(ar: error.arabic, en: error.english)), at: token.span)
      return nil
    }
  }
}
