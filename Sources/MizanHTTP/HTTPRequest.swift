/// One HTTP/1.1 request, as the parser read it: what the application sees.
package struct HTTPRequest: Sendable {
  package var method: String
  /// The request target as sent (`/v1/evaluate?explain`).
  package var target: String
  /// The path of the target, percent-decoded (`/v1/policies/taafi/schema`).
  package var path: String
  /// The query's parameters in order, decoded as a form (`+` is a space); a name without `=`
  /// has the empty value (`?explain`).
  package var query: [(name: String, value: String)]
  /// `HTTP/1.0` or `HTTP/1.1`, as its minor version.
  package var minorVersion: Int
  /// Header fields in order, names in lower case.
  package var headers: [(name: String, value: String)]
  package var body: [UInt8]

  /// The first value of a header (`name` in lower case).
  package func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

  /// The first value of a query parameter.
  package func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

  /// Whether the client keeps the connection open after this request (RFC 9112 §9.3):
  /// HTTP/1.1 unless it says `close`, HTTP/1.0 only if it says `keep-alive`.
  package var keepsAlive: Bool {
    let tokens = (header("connection") ?? "").lowercased().split(separator: ",")
      .map { $0.trimmingCharacters(in: " \t") }
    if tokens.contains("close") { return false }
    return minorVersion >= 1 || tokens.contains("keep-alive")
  }

  /// The body read as `application/x-www-form-urlencoded`: the fields of a submitted form, in order.
  package var formFields: [(name: String, value: String)] {
    FormEncoding.decode(String(decoding: body, as: UTF8.self))
  }
}

/// `application/x-www-form-urlencoded` and percent-encoding (the query and form bodies).
package enum FormEncoding {
  /// The pairs of `a=1&b=x+y`, each name and value decoded (`+` is a space; a malformed `%`
  /// escape is kept as written).
  package static func decode(_ text: String) -> [(name: String, value: String)] {
    text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = percentDecoded(parts[0], plusIsSpace: true)
      let value = parts.count > 1 ? percentDecoded(parts[1], plusIsSpace: true) : ""
      return (name, value)
    }
  }

  /// `%XX` escapes replaced by their bytes, read as UTF-8 (invalid sequences become U+FFFD).
  package static func percentDecoded(_ text: Substring, plusIsSpace: Bool) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = Array(text.utf8)[...]
    while let byte = iterator.popFirst() {
      if byte == UInt8(ascii: "%"), iterator.count >= 2,
         let high = hexValue(iterator[iterator.startIndex]), let low = hexValue(iterator[iterator.startIndex + 1]) {
        bytes.append(high << 4 | low)
        iterator = iterator.dropFirst(2)
      } else if byte == UInt8(ascii: "+"), plusIsSpace {
        bytes.append(UInt8(ascii: " "))
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A text escaped for a query or form value: unreserved characters kept, the rest `%XX`.
  package static func encoded(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
           UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
           UInt8(ascii: "~"):
        result.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let digits = Array("0123456789ABCDEF")
        result += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
      }
    }
    return result
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: String) -> String {
    let characters = Set(set)
    var slice = Substring(self)
    while let first = slice.first, characters.contains(first) { slice.removeFirst() }
    while let last = slice.last, characters.contains(last) { slice.removeLast() }
    return String(slice)
  }
}
