// The wording of each `JSONReadError` in both languages, kept apart from the reader so that the two
// languages can be reviewed side by side. House style: lowercase, no final period, what was expected
// and what was found.

extension JSONReadError {
  /// The English text of the error, without its location.
  package var reason: String {
    switch kind {
    case .unexpectedEnd(expected: .endOfString): "unterminated string"
    case .unexpectedEnd(let expected): "unexpected end of input, expected \(expected.english)"
    case .unexpectedCharacter(let found, let expected): "expected \(expected.english), found `\(found)`"
    case .invalidUTF8: "invalid UTF-8 in string"
    case .invalidEscape: #"invalid escape sequence (JSON allows \" \\ \/ \b \f \n \r \t and \uXXXX, surrogates paired)"#
    case .controlCharacterInString: #"control character in string; write it as an escape such as \n or \u0000"#
    case .invalidNumber: "invalid number (JSON numbers have no leading zeros, `+`, or bare `.` and `e`)"
    case .numberOutOfRange: "number out of range (its magnitude exceeds 1.8e308)"
    case .duplicateKey(let key): "duplicate key \(JSONPath.quoted(key)) in one object"
    case .trailingContent: "unexpected content after the JSON value"
    case .tooLarge(let limit): "document larger than \(limit) bytes"
    case .tooDeep(let limit): "arrays and objects nested deeper than \(limit) levels"
    case .stringTooLong(let limit): "string longer than \(limit) bytes"
    case .tooManyMembers(let limit): "more than \(limit) elements or members in one array or object"
    case .byteOrderMark: "remove the byte-order mark (BOM) at the start of the document"
    }
  }

  /// The Arabic text of the error, without its location.
  package var reasonArabic: String {
    switch kind {
    case .unexpectedEnd(expected: .endOfString): "سلسلة نصية غير مغلقة"
    case .unexpectedEnd(let expected): "نهاية غير متوقعة للنص، والمتوقع \(expected.arabic)"
    case .unexpectedCharacter(let found, let expected): "المتوقع \(expected.arabic)، ولكن وُجد `\(found)`"
    case .invalidUTF8: "ترميز UTF-8 غير صالح في سلسلة نصية"
    case .invalidEscape: #"تسلسل هروب غير صالح (المسموح في JSON: \" \\ \/ \b \f \n \r \t و\uXXXX مع اقتران البدائل)"#
    case .controlCharacterInString: #"محرف تحكم داخل سلسلة نصية؛ اكتبه بتسلسل هروب مثل \n أو \u0000"#
    case .invalidNumber: "رقم غير صالح (لا تقبل أرقام JSON الأصفار البادئة ولا `+` ولا `.` أو `e` منفردة)"
    case .numberOutOfRange: "رقم خارج النطاق (قيمته المطلقة تتجاوز 1.8e308)"
    case .duplicateKey(let key): "مفتاح مكرر \(JSONPath.quoted(key)) في الكائن نفسه"
    case .trailingContent: "محتوى زائد بعد قيمة JSON"
    case .tooLarge(let limit): "المستند أكبر من \(limit) بايت"
    case .tooDeep(let limit): "تداخل المصفوفات والكائنات أعمق من \(limit) مستوى"
    case .stringTooLong(let limit): "سلسلة نصية أطول من \(limit) بايت"
    case .tooManyMembers(let limit): "أكثر من \(limit) عنصر في مصفوفة أو كائن واحد"
    case .byteOrderMark: "أزِل علامة ترتيب البايتات (BOM) من بداية المستند"
    }
  }
}

extension JSONReadError.Expectation {
  /// What was expected, in English.
  var english: String {
    switch self {
    case .value: "a value"
    case .memberName: "a member name in double quotes"
    case .colon: "`:`"
    case .commaOrEndOfArray: "`,` or `]`"
    case .commaOrEndOfObject: "`,` or `}`"
    case .endOfString: "`\"`"
    case .literal(let word): "`\(word)`"
    }
  }

  /// What was expected, in Arabic.
  var arabic: String {
    switch self {
    case .value: "قيمة"
    case .memberName: "اسم عضو بين علامتي تنصيص مزدوجتين"
    case .colon: "`:`"
    case .commaOrEndOfArray: "`,` أو `]`"
    case .commaOrEndOfObject: "`,` أو `}`"
    case .endOfString: "`\"`"
    case .literal(let word): "`\(word)`"
    }
  }
}
