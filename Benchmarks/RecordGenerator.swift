import Mizan

/// SplitMix64: a small generator with a fixed seed, so every run generates the same batch.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound`.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// True with probability `percent` / 100 (tenths allowed: 0.5).
  mutating func chance(_ percent: Double) -> Bool { Double(next() % 10_000) < percent * 100 }
}

/// A deterministic batch of Raabigh applications, one JSON object per line: the same shape and
/// distribution every run (seed fixed). Mostly valid records with a realistic mix of verdicts
/// (expired IDs, stale forms, missing declarations, incomes over the limit, other governorates,
/// unlisted channels, unknown incomes), about 1% Hijri dates, 0.3% submitted before the policy
/// took effect, and 1% malformed lines (invalid JSON, a wrong type, an unknown association, a
/// blank line, an unknown document type).
struct RecordGenerator {
  static let seed: UInt64 = 0x6D69_7A61_6E00_0006
  private var random = SplitMix64(state: seed)
  private var sequence = 0

  /// Kinds of malformed line, in turn.
  static let malformedKinds = ["invalid JSON", "wrong type", "unknown association", "blank line", "unknown document"]

  /// Channels, weighted: listed ones mostly, `association_representatives` (not listed) sometimes.
  static let channels: [(String, Int)] = [
    ("interview", 40), ("phone_calls", 15), ("website", 15), ("social_media", 10), ("letters", 6),
    ("help_request_services", 5), ("volunteering", 3), ("branch_office_representatives", 4),
    ("association_representatives", 2),
  ]

  static let otherGovernorates = ["jeddah", "makkah", "thuwal", "khulais"]

  /// The next line, without its newline.
  mutating func nextLine() -> String {
    sequence += 1
    if random.chance(1.0) { return malformed() }
    return record()
  }

  private mutating func malformed() -> String {
    let kind = random.below(Self.malformedKinds.count)
    let valid = record()
    switch kind {
    case 0: return String(valid.prefix(valid.count / 2))
    case 1: return valid.replacingOccurrences(of: "\"household_size\":", with: "\"household_size\":\"five\",\"x\":")
    case 2: return valid.replacingOccurrences(of: "\"association\":\"raabigh\"", with: "\"association\":\"raabig\"")
    case 3: return ""
    default: return valid.replacingOccurrences(of: "\"type\":\"interview_record\"", with: "\"type\":\"passport\"")
    }
  }

  private mutating func record() -> String {
    // Submission dates from 2024-01-15 to 2025-12-31; a few before the policy took effect.
    let submitted = random.chance(0.3) ? day(19_600 + random.below(130)) : day(19_737 + random.below(716))
    let submittedText = random.chance(1.0) ? hijriText(submitted) : iso(submitted)
    var channel = "interview"
    var pick = random.below(100)
    for (name, weight) in Self.channels {
      if pick < weight {
        channel = name
        break
      }
      pick -= weight
    }
    let household = 1 + random.below(10)
    // Income per member mostly under the 1,500 SAR limit, some over.
    let perMember = random.chance(85) ? 200 + random.below(1300) : 1501 + random.below(3000)
    let income = perMember * household
    var facts = "\"national_id_number\":\"1\(100_000_000 + random.below(899_999_999))\""
    facts += ",\"birth_date\":\"\(iso(day(-7_300 + random.below(20_000))))\""
    facts += ",\"governorate\":\"\(random.chance(93) ? "rabigh" : Self.otherGovernorates[random.below(4)])\""
    if !random.chance(3) { facts += ",\"monthly_income\":\(income)" }
    facts += ",\"household_size\":\(household)"
    let needsVisit = random.chance(20)
    if !random.chance(2) { facts += ",\"needs_field_visit\":\(needsVisit)" }

    var documents: [String] = []
    if random.chance(85) {
      let expires = random.chance(5) ? submitted - 1 - random.below(400) : submitted + random.below(2_000)
      documents.append("{\"type\":\"national_id\",\"expires_on\":\"\(iso(expires))\"}")
    } else {
      documents.append("{\"type\":\"civil_registry\",\"issued_on\":\"\(iso(submitted - random.below(5_000)))\"}")
    }
    let formAge = random.chance(8) ? 91 + random.below(200) : random.below(60)
    documents.append("{\"type\":\"support_request_form\",\"dated\":\"\(iso(submitted - formAge))\"}")
    if random.chance(95) {
      let signed = random.chance(2) ? submitted + 1 + random.below(5) : submitted - random.below(3)
      documents.append("{\"type\":\"data_declaration\",\"signed_on\":\"\(iso(signed))\"}")
    }
    if random.chance(92) {
      documents.append("{\"type\":\"interview_record\",\"dated\":\"\(iso(submitted + random.below(3)))\"}")
    }
    if needsVisit, random.chance(70) {
      documents.append("{\"type\":\"field_visit_report\",\"dated\":\"\(iso(submitted + random.below(10)))\"}")
    }
    let id = "RBG-2024-" + String(String(sequence + 1_000_000).suffix(6))
    return "{\"application_id\":\"\(id)\",\"association\":\"raabigh\",\"submitted_on\":\"\(submittedText)\","
      + "\"channel\":\"\(channel)\",\"facts\":{\(facts)},\"documents\":[\(documents.joined(separator: ","))]}"
  }

  /// A day number (days since 1970-01-01).
  private func day(_ number: Int) -> Int { number }

  /// `YYYY-MM-DD` of a day number.
  func iso(_ dayNumber: Int) -> String { CalendarDate(dayNumber: dayNumber)?.iso ?? "2024-03-10" }

  /// The same day in the Umm al-Qura calendar, `YYYY-MM-DDH`.
  func hijriText(_ dayNumber: Int) -> String {
    guard let hijri = CalendarDate(dayNumber: dayNumber)?.hijri else { return iso(dayNumber) }
    return hijri.description
  }
}
