import MizanCore

/// `policies/approvals.lock`: the fingerprint of every approved policy version (docs/versions.md).
///
/// One line per approved version, fields separated by spaces:
///
/// ```
/// <association> <version> <fingerprint> <approval reference, free text to the end of the line>
/// raabigh 2024-01-15 3a50…(64 hex digits) Board of directors, meeting 1, 2024-01-15
/// ```
///
/// `<version>` is the effective date that names the version file
/// (`policies/<association>/<version>.mizan`), so it is unique per association by construction.
/// Lines starting with `#` are comments; blank lines are allowed. Anything else is an error
/// naming `approvals.lock:LINE`: the lock is read strictly, since a line it skipped would be
/// an approval no one checks.
public struct ApprovalsLock: Sendable {
  /// One approved version as recorded.
  public struct Entry: Sendable, Hashable {
    /// The association id, as its folder is named.
    public var association: String
    /// The effective date that names the version file, `YYYY-MM-DD`.
    public var version: String
    /// 64 lowercase hex digits.
    public var fingerprint: String
    /// Who approved it and when, as free text.
    public var reference: String
    /// The 1-based line of the lock it is on.
    public var line: Int
    /// The fingerprint field, for diagnostics that point at it.
    package var span: SourceSpan?
    /// `<association> <version>`, the entry's key.
    package var keySpan: SourceSpan?

    /// The line as `mizan approve` writes it (without the line break).
    public var text: String { "\(association) \(version) \(fingerprint) \(reference)" }
  }

  /// The lock's file name inside the policies folder.
  public static let fileName = "approvals.lock"

  /// The entries, in file order.
  public private(set) var entries: [Entry]
  /// The file the entries were read from (nil when there is no lock yet).
  package let source: SourceFile?

  package init(entries: [Entry] = [], source: SourceFile? = nil) {
    self.entries = entries
    self.source = source
  }

  /// The entry for a version, if recorded.
  public func entry(association: String, version: String) -> Entry? {
    entries.first { $0.association == association && $0.version == version }
  }

  /// The entries of one association, in file order.
  public func entries(of association: String) -> [Entry] { entries.filter { $0.association == association } }

  /// The path of the lock of a policies folder.
  public static func path(in root: String) -> String { root + "/" + fileName }

  // MARK: - Reading

  /// Reads `<root>/approvals.lock`; a folder without one has an empty lock.
  package static func read(root: String) -> Result<ApprovalsLock, PolicyLoadFailure> {
    let path = path(in: root)
    guard FileSystem.exists(path) else { return .success(ApprovalsLock()) }
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readFile(path)
    } catch {
      return .failure(PolicyLoadFailure(diagnostics: [Diagnostic(.unreadableFile(path, error.reason), at: nil)]))
    }
    let (lock, diagnostics) = parse(SourceFile(path: path, bytes: bytes, name: fileName))
    return diagnostics.isEmpty ? .success(lock) : .failure(PolicyLoadFailure(diagnostics: diagnostics))
  }

  /// The entries of a lock file and the problems with its lines, in line order.
  package static func parse(_ file: SourceFile) -> (ApprovalsLock, [Diagnostic]) {
    var entries: [Entry] = []
    var diagnostics: [Diagnostic] = []
    var lineStart = 0
    var lineNumber = 0
    let bytes = file.bytes
    while lineStart < bytes.count {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      let next = lineEnd + 1
      // A line ending in CR LF is read like one ending in LF.
      if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
      if let result = parseLine(file, lineStart..<lineEnd, line: lineNumber) {
        switch result {
        case .entry(let entry):
          if let first = entries.first(where: { $0.association == entry.association && $0.version == entry.version }) {
            diagnostics.append(Diagnostic(
              .lockDuplicateEntry(entry.association, entry.version, firstLine: first.line), at: entry.keySpan,
              notes: [DiagnosticNote(LocalizedText(ar: "القيد الأول", en: "first recorded here"), at: first.keySpan)],
              help: LocalizedText(ar: "لكل نسخة معتمدة سطر واحد: احذف السطر المكرر",
                                  en: "each approved version has exactly one line: remove the repeated one")))
          } else {
            entries.append(entry)
          }
        case .problem(let diagnostic):
          diagnostics.append(diagnostic)
        }
      }
      lineStart = next
    }
    return (ApprovalsLock(entries: entries, source: file), diagnostics)
  }

  /// One line: nil for a blank or comment line, else an entry or what is wrong with it.
  static func parseLine(_ file: SourceFile, _ range: Range<Int>, line: Int) -> LineReading? {
    let fields = splitFields(file.bytes, range)
    guard let first = fields.first else { return nil }
    if file.bytes[first.lowerBound] == UInt8(ascii: "#") { return nil }
    let lineSpan = SourceSpan(file: file, range: range)
    let expected = LocalizedText(ar: "اكتب: `<الجمعية> <النسخة> <البصمة> <مرجع الاعتماد>`",
                                 en: "write `<association> <version> <fingerprint> <approval reference>`")
    guard fields.count == 4 else {
      return .problem(Diagnostic(.lockMalformedLine(found: fields.count), at: lineSpan, help: expected))
    }
    let association = file.text(in: fields[0])
    let version = file.text(in: fields[1])
    let fingerprint = file.text(in: fields[2])
    let reference = file.text(in: fields[3])
    guard isAssociationID(association) else {
      return .problem(Diagnostic(.lockMalformedLine(badAssociation: association), at: SourceSpan(file: file, range: fields[0]),
                                 help: expected))
    }
    guard case .success(let date) = CalendarDate.parse(version), date.iso == version else {
      return .problem(Diagnostic(
        .lockMalformedLine(badVersion: version), at: SourceSpan(file: file, range: fields[1]),
        help: LocalizedText(ar: "النسخة هي تاريخ السريان الذي يسمّى به ملفها، مثل 2024-01-15",
                            en: "the version is the effective date that names its file, such as 2024-01-15")))
    }
    guard isFingerprint(fingerprint) else {
      return .problem(Diagnostic(
        .lockBadFingerprint(fingerprint), at: SourceSpan(file: file, range: fields[2]),
        help: LocalizedText(ar: "انسخ البصمة كما يعرضها `mizan versions`، أو سجّل النسخة بـ `mizan approve FILE`",
                            en: "copy the fingerprint as `mizan versions` shows it, or record the version with `mizan approve FILE`")))
    }
    return .entry(Entry(association: association, version: version, fingerprint: fingerprint, reference: reference,
                          line: line, span: SourceSpan(file: file, range: fields[2]),
                         keySpan: SourceSpan(file: file, range: fields[0].lowerBound..<fields[1].upperBound)))
  }

  /// What one line holds: an entry, or what is wrong with it.
  enum LineReading {
    /// A well-formed line.
    case entry(Entry)
    /// A line that is neither an entry, a comment nor blank.
    case problem(Diagnostic)
  }

  /// At most four fields: three words separated by spaces or tabs, then the rest of the line
  /// (trailing blanks dropped) as the fourth.
  static func splitFields(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
    func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
    var fields: [Range<Int>] = []
    var index = range.lowerBound
    var end = range.upperBound
    while end > index, isBlank(bytes[end - 1]) { end -= 1 }
    while index < end {
      while index < end, isBlank(bytes[index]) { index += 1 }
      guard index < end else { break }
      if fields.count == 3 {
        fields.append(index..<end)
        break
      }
      let start = index
      while index < end, !isBlank(bytes[index]) { index += 1 }
      fields.append(start..<index)
    }
    return fields
  }

  /// ASCII letters, digits, `-` and `_`, starting with a letter.
  static func isAssociationID(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
    return text.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
  }

  /// Exactly 64 lowercase hex digits, as `SHA256Digest.hex` writes them.
  package static func isFingerprint(_ text: String) -> Bool {
    text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  // MARK: - Writing

  /// The comment that opens a new lock file.
  static let header = """
    # approvals.lock — the fingerprint of every approved policy version (docs/versions.md).
    # سجل الاعتماد — بصمة كل نسخة معتمدة من سياسات الجمعيات.
    #
    # One line per approved version:  <association> <version> <fingerprint> <approval reference>
    #   <version>      the effective date that names the file: policies/<association>/<version>.mizan
    #   <fingerprint>  SHA-256 of the version's tokens and of every file it includes (64 hex digits)
    #   the rest       who approved it and when, as free text
    # Approved means frozen: `mizan check` fails when an approved file no longer matches its line.
    # Never edit a line or an approved file; write a new version file (with a later effective
    # date) and record it with `mizan approve policies/<association>/<date>.mizan`.
    # النسخة المعتمدة مجمّدة: لا تعدّل سطرًا ولا ملفًا معتمدًا؛ أنشئ ملف نسخة جديدة وسجّله بالأمر mizan approve.

    """

  /// The lock's text with one more entry: the existing text kept byte for byte, the header
  /// written first when there was no lock.
  package static func appending(_ entry: Entry, to existing: [UInt8]?) -> [UInt8] {
    var bytes = existing ?? Array(header.utf8)
    if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    bytes += Array(entry.text.utf8)
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
