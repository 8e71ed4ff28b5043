import MizanCore
import MizanSyntax

/// Every declared name and what it names. All kinds share one namespace, so a fact and a
/// document cannot both be called `national_id`.
struct SymbolTable {
  enum Symbol: Equatable {
    case enumeration(Int)
    case parameter(Int)
    case fact(Int)
    case document(Int)
    case derived(Int)
    case rule
    case condition(Int)
    case requirement(Int)
    case committee
    case memberKind(Int)
    case vocabulary(Int)
  }

  var symbols: [String: Symbol] = [:]
  var spans: [String: SourceSpan] = [:]
  /// Names whose declaration failed to check; uses of them are not reported again.
  var poisoned: Set<String> = []
  /// Names of the envelope fields every record carries.
  static let envelopeFacts = ["submitted_on", "channel", "application_id"]

  subscript(name: String) -> Symbol? { symbols[name] }

  var allNames: [String] { symbols.keys.sorted() }
}

/// The built-in functions of the expression language.
package enum BuiltinFunction: String, CaseIterable {
  case provided, valid, known
  case wholeYears = "whole_years"
  case wholeHijriYears = "whole_hijri_years"
  case daysBetween = "days_between"
  /// `complete(requirement)`: its checklist item is provided or not required.
  case complete
  /// `is_citizen(id)`: a Saudi ID number of a citizen (first digit 1), not a resident's Iqama.
  case isCitizen = "is_citizen"
}
