/// A Saudi national ID or Iqama number: ten digits, the first 1 for a citizen and 2 for a
/// resident, the last a Luhn (mod-10) check digit over all ten. No published specification
/// exists; every independent validator uses this rule, and it is the de-facto standard.
package enum SaudiID {
  /// Why a text is not an ID number.
  package enum Problem: Error, Sendable, Equatable {
    case notTenDigits(Int)
    case badPrefix(Character)
    case checkDigit
  }

  /// The number with Arabic-Indic digits (٠–٩, ۰–۹) read as ASCII digits and spaces removed,
  /// or why it is not one.
  package static func normalized(_ text: String) -> Result<String, Problem> {
    var digits: [UInt8] = []
    for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
      switch scalar.value {
      case 0x30...0x39: digits.append(UInt8(scalar.value))
      case 0x660...0x669: digits.append(UInt8(scalar.value - 0x660 + 0x30))
      case 0x6F0...0x6F9: digits.append(UInt8(scalar.value - 0x6F0 + 0x30))
      default: return .failure(.notTenDigits(-1))
      }
    }
    guard digits.count == 10 else { return .failure(.notTenDigits(digits.count)) }
    guard digits[0] == UInt8(ascii: "1") || digits[0] == UInt8(ascii: "2") else {
      return .failure(.badPrefix(Character(Unicode.Scalar(digits[0]))))
    }
    guard passesLuhn(digits) else { return .failure(.checkDigit) }
    return .success(String(decoding: digits, as: UTF8.self))
  }

  /// Luhn over ten digits: those at even positions (from 0) doubled, 9 taken off a doubled
  /// digit above 9; valid when the total is a multiple of 10.
  static func passesLuhn(_ digits: [UInt8]) -> Bool {
    var total = 0
    for (position, byte) in digits.enumerated() {
      let digit = Int(byte) - 48
      if position % 2 == 0 {
        let doubled = digit * 2
        total += doubled > 9 ? doubled - 9 : doubled
      } else {
        total += digit
      }
    }
    return total % 10 == 0
  }

  /// Whether a valid number is a citizen's (first digit 1); a resident's starts with 2.
  package static func isCitizen(_ normalized: String) -> Bool { normalized.utf8.first == UInt8(ascii: "1") }
}
