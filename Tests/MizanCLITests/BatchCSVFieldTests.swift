import MizanCore
import MizanEngine
import Testing

/// One CSV field (RFC 4180 quoting, OWASP formula neutralising), at and around each special byte.
@Suite("CSV field")
struct BatchCSVFieldTests {
  @Test("fields are kept, quoted or neutralised as RFC 4180 and OWASP say", arguments: [
    ("", ""),
    ("RBG-2024-000101", "RBG-2024-000101"),
    ("طلب ١", "طلب ١"),
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("\"", "\"\"\"\""),
    ("one\ntwo", "\"one\ntwo\""),
    ("one\r\ntwo", "\"one\r\ntwo\""),
    ("ends\r", "\"ends\r\""),
    ("=1+2", "\"'=1+2\""),
    ("+966", "\"'+966\""),
    ("-5", "\"'-5\""),
    ("@SUM(A1)", "\"'@SUM(A1)\""),
    ("\tx", "\"'\tx\""),
    ("\rx", "\"'\rx\""),
    ("=HYPERLINK(\"u\",\"a,b\")", "\"'=HYPERLINK(\"\"u\"\",\"\"a,b\"\")\""),
    // Only the first byte starts a formula.
    ("a=b", "a=b"), ("x-1", "x-1"), ("x@y", "x@y"), (" =1", " =1"),
  ])
  func field(text: String, expected: String) {
    var out = ByteBuffer(capacity: 64)
    CSVField.write(text, into: &out)
    #expect(out.string == expected)
    #expect(CSVField.isPlain(text) == (text == expected))
  }
}
