import MizanChecker
import MizanCore

extension RecordReader {
  /// The value at tape entry `entry` as fact `slot`'s declared type; nil for `null` (unknown).
  func value(_ entry: Int, slot: Int, schema: PolicyRecordSchema, path: @autoclosure () -> String,
             _ bytes: Span<UInt8>) throws(RecordError) -> Value? {
    try value(entry, reading: schema.readings[slot], type: schema.types[slot], schema: schema, path: path(), bytes)
  }

  /// The value at tape entry `entry` as `reading` reads it (a fact of the record or of a
  /// member); nil for `null`. Lists are read by `readList`, not here.
  func value(_ entry: Int, reading: PolicyRecordSchema.Reading, type declared: @autoclosure () -> ValueType,
             schema: PolicyRecordSchema, path: @autoclosure () -> String,
             _ bytes: Span<UInt8>) throws(RecordError) -> Value? {
    let kind = tape[entry].kind
    if case .null = kind { return nil }
    // The declared type and the path are needed only to say what is wrong.
    var type: ValueType { declared() }
    switch reading {
    case .list:
      throw .wrongType(path(), expected: type.recordName, found: describe(entry, bytes))
    case .saudiID:
      guard case .string = kind else {
        throw .wrongType(path(), expected: type.recordName, found: describe(entry, bytes))
      }
      switch SaudiID.normalized(tape.string(entry, in: bytes)) {
      case .success(let id): return .text(id)
      case .failure(let problem): throw .invalidSaudiID(path(), describe(entry, bytes), problem)
      }
    case .bool:
      switch kind {
      case .true: return .bool(true)
      case .false: return .bool(false)
      default: throw .wrongType(path(), expected: type.recordName, found: describe(entry, bytes))
      }
    case .number(let numberKind):
      guard case .number = kind else {
        throw .wrongType(path(), expected: type.recordName, found: describe(entry, bytes))
      }
      let number: DecimalNumber
      switch tape.decimal(entry, in: bytes) {
      case .success(let read): number = read
      case .failure(.outOfRange): throw .numberOutOfRange(path(), describe(entry, bytes))
      case .failure(.tooPrecise):
        throw .wrongType(path(), expected: LocalizedText(ar: "رقم بأربع منازل عشرية على الأكثر",
                                                         en: "a number with at most 4 decimals"),
                         found: describe(entry, bytes))
      }
      if numberKind == .count || numberKind == .days || numberKind == .months, !number.isWhole {
        throw .wrongType(path(), expected: type.recordName, found: describe(entry, bytes))
      }
      if numberKind != .plain, number.scaled < 0 { throw .negative(path(), describe(entry, bytes)) }
      return .number(number)
    case .date:
      return .date(try date(entry, path: path(), bytes))
    case .text:
      guard case .string = kind else {
        throw .wrongType(path(), expected: type.recordName, found: describe(entry, bytes))
      }
      return .text(tape.string(entry, in: bytes))
    case .enumeration(let enumeration):
      return .enumeration(try enumerationValue(entry, enumeration, schema: schema, type: type, path: path(), bytes))
    case .set(let enumeration):
      guard case .array = kind else {
        throw .wrongType(path(), expected: type.recordName, found: describe(entry, bytes))
      }
      var bits: UInt64 = 0
      var element = entry + 1
      for position in 0..<Int(tape[entry].count) {
        defer { element = tape.next(after: element) }
        let elementType = ValueType.enumeration(schema.enumerationNames[enumeration])
        if case .null = tape[element].kind {
          throw .wrongType("\(path())[\(position)]", expected: elementType.recordName, found: "null")
        }
        let index = try enumerationValue(element, enumeration, schema: schema, type: elementType,
                                         path: "\(path())[\(position)]", bytes)
        bits |= 1 << UInt64(index)
      }
      return .set(bits)
    }
  }

  /// The index of the enumeration value the string at `entry` names.
  private func enumerationValue(_ entry: Int, _ enumeration: Int, schema: PolicyRecordSchema,
                                type: @autoclosure () -> ValueType, path: @autoclosure () -> String,
                                _ bytes: Span<UInt8>) throws(RecordError) -> Int {
    guard case .string = tape[entry].kind else {
      throw .wrongType(path(), expected: type().recordName, found: describe(entry, bytes))
    }
    let values = schema.enumerationValues[enumeration]
    guard let index = values.index(of: tape[entry], in: bytes) else {
      let text = tape.string(entry, in: bytes)
      throw .unknownValue(path(), text, of: schema.enumerationNames[enumeration],
                          among: values.names)
    }
    return index
  }

  /// A date: `YYYY-MM-DD` (Gregorian, from 1900 on) or `YYYY-MM-DDH` (Hijri), digits in any of
  /// the three scripts.
  func date(_ entry: Int, path: @autoclosure () -> String, _ bytes: Span<UInt8>) throws(RecordError) -> CalendarDate {
    guard case .string = tape[entry].kind else {
      throw .wrongType(path(), expected: LocalizedText(ar: "تاريخ نصي YYYY-MM-DD", en: "a date string YYYY-MM-DD"),
                       found: describe(entry, bytes))
    }
    let parsed: Result<CalendarDate, DateParseError>
    if tape[entry].isPlain {
      parsed = CalendarDate.parse(utf8: bytes.extracting(tape[entry].byteRange))
    } else {
      parsed = CalendarDate.parse(tape.string(entry, in: bytes))
    }
    switch parsed {
    case .success(let date):
      // Hijri dates are written with `H`; a Gregorian year this early is a Hijri date without it.
      if date < RecordSchema.earliestGregorianDate, !isHijri(entry, bytes) {
        throw .gregorianYearTooEarly(path(), tape.string(entry, in: bytes),
                                     hijri: hijriReading(of: tape.string(entry, in: bytes)))
      }
      return date
    case .failure(let error):
      let written = tape.string(entry, in: bytes)
      throw .invalidDate(path(), written, ar: error.arabic, en: error.english)
    }
  }

  /// A date, or nil for `null`.
  func optionalDate(_ entry: Int, path: @autoclosure () -> String, _ bytes: Span<UInt8>) throws(RecordError)
    -> CalendarDate?
  {
    if case .null = tape[entry].kind { return nil }
    return try date(entry, path: path(), bytes)
  }

  private func isHijri(_ entry: Int, _ bytes: Span<UInt8>) -> Bool {
    let range = tape[entry].byteRange
    return !range.isEmpty && bytes[range.upperBound - 1] == UInt8(ascii: "H")
  }

  /// `text` read as a Hijri date (`1445-08-29H`), when it is one.
  private func hijriReading(of text: String) -> String? {
    if case .success = CalendarDate.parse(text + "H") { return text + "H" }
    return nil
  }

  /// How a value is shown in "found …": strings quoted (cut after 40 characters), numbers as
  /// written, literals as themselves, containers by kind.
  func describe(_ entry: Int, _ bytes: Span<UInt8>) -> String {
    switch tape[entry].kind {
    case .string:
      let text = tape.string(entry, in: bytes)
      return "\"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
    case .number:
      if case .success(let number) = tape.decimal(entry, in: bytes) { return number.description }
      return String(utf8: bytes.extracting(tape[entry].byteRange))
    case .true: return "true"
    case .false: return "false"
    case .null: return "null"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

extension ValueType {
  /// How a record must write a value of this type ("a whole number").
  var recordName: LocalizedText {
    switch self {
    case .bool: LocalizedText(ar: "true أو false", en: "true or false")
    case .number(.plain): LocalizedText(ar: "رقم بأربع منازل عشرية على الأكثر", en: "a number with at most 4 decimals")
    case .number(.count): LocalizedText(ar: "عدد صحيح", en: "a whole number")
    case .number(.money): LocalizedText(ar: "مبلغ بالريال (رقم)", en: "an amount in SAR (a number)")
    case .number(.days): LocalizedText(ar: "عدد أيام صحيح", en: "a whole number of days")
    case .number(.months): LocalizedText(ar: "عدد أشهر صحيح", en: "a whole number of months")
    case .date: LocalizedText(ar: "تاريخ YYYY-MM-DD", en: "a date YYYY-MM-DD")
    case .text: LocalizedText(ar: "نص", en: "a string")
    case .enumeration(let name): LocalizedText(ar: "قيمة من `\(name)`", en: "a `\(name)` value (a string)")
    case .setOf(let name): LocalizedText(ar: "مصفوفة قيم من `\(name)`", en: "an array of `\(name)` values")
    case .listOf(let name): LocalizedText(ar: "مصفوفة كائنات `\(name)`", en: "an array of `\(name)` objects")
    case .saudiID: LocalizedText(ar: "رقم هوية أو إقامة من 10 أرقام نصًّا", en: "a Saudi ID or Iqama number, 10 digits in a string")
    }
  }
}
