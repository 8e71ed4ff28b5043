import MizanCore

/// Messages about finding and loading policy files and about `approvals.lock`, alphabetical.
/// Ids are `policy.<name>`.
extension DiagnosticMessage {
  static func approvedVersionLocked(_ association: String, _ version: String, fingerprint: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.approvedVersionLocked", .warning,
                      ar: "النسخة المعتمدة \(association) \(version) مقفلة في سجل الاعتماد (البصمة \(fingerprint.prefix(16))…): "
                        + "أي تغيير في معناها يُفشل `mizan check`",
                      en: "approved version \(association) \(version) is locked by approvals.lock (fingerprint "
                        + "\(fingerprint.prefix(16))…): any change in its meaning makes `mizan check` fail")
  }

  static func approvedVersionMissing(_ association: String, _ version: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.approvedVersionMissing", .error,
                      ar: "سجل الاعتماد يذكر النسخة المعتمدة \(association) \(version) لكن ملفها `\(association)/\(version).mizan` غير موجود",
                      en: "approvals.lock records approved version \(association) \(version) but its file `\(association)/\(version).mizan` does not exist")
  }

  static func associationMismatch(_ header: String, folder: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.associationMismatch", .error,
                      ar: "الترويسة تذكر الجمعية `\(header)` والملف في مجلد `\(folder)`",
                      en: "the header names association `\(header)` but the file is in folder `\(folder)`")
  }

  static func draftInLock(_ name: String, line: Int) -> DiagnosticMessage {
    DiagnosticMessage("policy.draftInLock", .error,
                      ar: "`\(name)` مسودة، لكن سجل الاعتماد (السطر \(line)) يسجّلها نسخةً معتمدة",
                      en: "`\(name)` is a draft, but approvals.lock (line \(line)) records it as an approved version")
  }

  static func effectiveMismatch(_ effective: String, fileName: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.effectiveMismatch", .error,
                      ar: "تاريخ السريان \(effective) لا يطابق اسم الملف `\(fileName)`",
                      en: "effective date \(effective) does not match the file name `\(fileName)`")
  }

  static func fingerprintMismatch(_ name: String, recorded: String, actual: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.fingerprintMismatch", .error,
                      ar: "النسخة المعتمدة `\(name)` لا تطابق سجل الاعتماد: البصمة المسجلة \(recorded) وبصمة الملف الآن \(actual)",
                      en: "approved version `\(name)` does not match approvals.lock: recorded fingerprint \(recorded), the file now has \(actual)")
  }

  static func vocabularyOutsideFolder(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.vocabularyOutsideFolder", .error,
                      ar: "ملف المفردات `\(path)` خارج مجلد السياسات؛ لا يُقرأ",
                      en: "the vocabulary file `\(path)` lies outside the policies folder; it is not read")
  }

  static func vocabularyUnreadable(_ path: String, _ problem: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage("policy.vocabularyUnreadable", .error,
                      ar: "تعذّرت قراءة ملف المفردات `\(path)`: \(problem.arabic)",
                      en: "cannot read the vocabulary file `\(path)`: \(problem.english)")
  }

  static func includeCycle(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.includeCycle", .error,
                      ar: "تضمين دائري: `\(path)` يضمّن نفسه بشكل غير مباشر",
                      en: "include cycle: `\(path)` ends up including itself")
  }

  static func includeOutsideFolder(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.includeOutsideFolder", .error,
                      ar: "الملف المضمَّن `\(path)` خارج مجلد السياسات؛ لا يُقرأ",
                      en: "included file `\(path)` lies outside the policies folder; it is not read")
  }

  static func includeNotFound(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.includeNotFound", .error,
                      ar: "لا يوجد ملف مضمَّن `\(path)`", en: "included file `\(path)` does not exist")
  }

  static func lockBadFingerprint(_ text: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.lockBadFingerprint", .error,
                      ar: "البصمة `\(text)` ليست 64 رقمًا ستّ عشريًا بأحرف صغيرة",
                      en: "fingerprint `\(text)` is not 64 lowercase hexadecimal digits")
  }

  static func lockDuplicateEntry(_ association: String, _ version: String, firstLine: Int) -> DiagnosticMessage {
    DiagnosticMessage("policy.lockDuplicateEntry", .error,
                      ar: "النسخة \(association) \(version) مسجلة مرتين (أول مرة في السطر \(firstLine))",
                      en: "version \(association) \(version) is recorded twice (first on line \(firstLine))")
  }

  static func lockMalformedLine(found fields: Int) -> DiagnosticMessage {
    DiagnosticMessage("policy.lockMalformedLine", .error,
                      ar: "سطر غير صالح في سجل الاعتماد: المتوقع أربعة حقول (الجمعية، النسخة، البصمة، مرجع الاعتماد)، والموجود \(fields)",
                      en: "malformed approvals.lock line: expected 4 fields (association, version, fingerprint, approval reference), found \(fields)")
  }

  static func lockMalformedLine(badAssociation text: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.lockMalformedLine", .error,
                      ar: "سطر غير صالح في سجل الاعتماد: `\(text)` ليس معرّف جمعية (حروف لاتينية وأرقام و`-` و`_`)",
                      en: "malformed approvals.lock line: `\(text)` is not an association id (ASCII letters, digits, `-`, `_`)")
  }

  static func lockMalformedLine(badVersion text: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.lockMalformedLine", .error,
                      ar: "سطر غير صالح في سجل الاعتماد: النسخة `\(text)` ليست تاريخًا بصيغة YYYY-MM-DD",
                      en: "malformed approvals.lock line: version `\(text)` is not a date written YYYY-MM-DD")
  }

  static func notARegularFile(_ path: String, kind: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage("policy.notARegularFile", .error,
                      ar: "`\(path)` ليس ملف سياسة بل \(kind.arabic)؛ لا يُفتح",
                      en: "`\(path)` is \(kind.english), not a policy file; it is not opened")
  }

  static func notInLock(_ name: String, fingerprint: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.notInLock", .error,
                      ar: "النسخة المعتمدة `\(name)` (البصمة \(fingerprint)) غير مسجلة في سجل الاعتماد approvals.lock",
                      en: "approved version `\(name)` (fingerprint \(fingerprint)) is not recorded in approvals.lock")
  }

  static func unreadableFile(_ path: String, _ reason: LocalizedText) -> DiagnosticMessage {
    DiagnosticMessage("policy.unreadableFile", .error,
                      ar: "تعذرت قراءة `\(path)`: \(reason.arabic)", en: "cannot read `\(path)`: \(reason.english)")
  }
}
