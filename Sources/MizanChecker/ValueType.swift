import MizanCore

/// What kind of quantity a number is. Units keep money from being compared with days.
package enum NumberKind: String, Hashable, Sendable {
  /// A dimensionless number (`1.5`).
  case plain
  /// A whole, non-negative count (`household_size`). Mixes freely with plain numbers.
  case count
  /// Saudi riyals (`4000 SAR`).
  case money
  /// A number of days (`14 days`).
  case days
  /// A number of calendar months (`3 months`; `1 year` is 12 months). A date plus months keeps
  /// its day of the month, or takes the month's last day when it is shorter.
  case months

  package var isDimensionless: Bool { self == .plain || self == .count }
}

/// The type of a fact, parameter, derived value or expression.
package enum ValueType: Hashable, Sendable, CustomStringConvertible {
  case bool
  case number(NumberKind)
  case date
  case text
  /// A value of the named enumeration.
  case enumeration(String)
  /// A set of values of the named enumeration.
  case setOf(String)
  /// A list of members of the named kind (`list of child`): read only through `count`, `any`,
  /// `all` and `sum`.
  case listOf(String)
  /// A Saudi national ID or Iqama number, checked when read (ten digits, 1 or 2 first, the
  /// Luhn check digit); held as its ten ASCII digits.
  case saudiID

  package var description: String {
    switch self {
    case .bool: "bool"
    case .number(.plain): "number"
    case .number(.count): "count"
    case .number(.money): "money"
    case .number(.days): "days"
    case .number(.months): "months"
    case .date: "date"
    case .text: "text"
    case .enumeration(let name): name
    case .setOf(let name): "set of \(name)"
    case .listOf(let name): "list of \(name)"
    case .saudiID: "saudi_id"
    }
  }

  /// How the type is described to a person ("money (SAR)").
  package var localizedName: LocalizedText {
    switch self {
    case .bool: LocalizedText(ar: "قيمة منطقية (bool)", en: "a boolean (bool)")
    case .number(.plain): LocalizedText(ar: "رقم (number)", en: "a number")
    case .number(.count): LocalizedText(ar: "عدد صحيح (count)", en: "a count")
    case .number(.money): LocalizedText(ar: "مبلغ بالريال (money)", en: "money (SAR)")
    case .number(.days): LocalizedText(ar: "مدة بالأيام (days)", en: "a number of days")
    case .number(.months): LocalizedText(ar: "مدة بالأشهر (months)", en: "a number of months")
    case .date: LocalizedText(ar: "تاريخ (date)", en: "a date")
    case .text: LocalizedText(ar: "نص (text)", en: "a text")
    case .enumeration(let name): LocalizedText(ar: "قيمة من `\(name)`", en: "a `\(name)` value")
    case .setOf(let name): LocalizedText(ar: "مجموعة من `\(name)`", en: "a set of `\(name)`")
    case .listOf(let name): LocalizedText(ar: "قائمة من `\(name)`", en: "a list of `\(name)`")
    case .saudiID: LocalizedText(ar: "رقم هوية أو إقامة (saudi_id)", en: "a Saudi ID or Iqama number (saudi_id)")
    }
  }

  /// The built-in type names a declaration may use.
  package static let builtins: [String: ValueType] = [
    "bool": .bool, "number": .number(.plain), "count": .number(.count), "money": .number(.money),
    "days": .number(.days), "months": .number(.months), "date": .date, "text": .text, "saudi_id": .saudiID,
  ]
}

/// A value the engine computes with. Enumeration values are interned as indices.
package enum Value: Hashable, Sendable {
  case bool(Bool)
  case number(DecimalNumber)
  case date(CalendarDate)
  case text(String)
  /// The index of a value in its enumeration's declaration order.
  case enumeration(Int)
  /// Indices of enumeration values, as a bit set (enumerations are limited to 64 values).
  case set(UInt64)
}
