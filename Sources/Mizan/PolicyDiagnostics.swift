import MizanCore

/// Messages about finding and loading policy files, alphabetical. Ids are `policy.<name>`.
extension DiagnosticMessage {
  static func includeCycle(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.includeCycle", .error,
                      ar: "تضمين دائري: `\(path)` يضمّن نفسه بشكل غير مباشر",
                      en: "include cycle: `\(path)` ends up including itself")
  }

  static func includeNotFound(_ path: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.includeNotFound", .error,
                      ar: "لا يوجد ملف مضمَّن `\(path)`", en: "included file `\(path)` does not exist")
  }

  static func associationMismatch(_ header: String, folder: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.associationMismatch", .error,
                      ar: "الترويسة تذكر الجمعية `\(header)` والملف في مجلد `\(folder)`",
                      en: "the header names association `\(header)` but the file is in folder `\(folder)`")
  }

  static func effectiveMismatch(_ effective: String, fileName: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.effectiveMismatch", .error,
                      ar: "تاريخ السريان \(effective) لا يطابق اسم الملف `\(fileName)`",
                      en: "effective date \(effective) does not match the file name `\(fileName)`")
  }

  static func unreadableFile(_ path: String, _ reason: String) -> DiagnosticMessage {
    DiagnosticMessage("policy.unreadableFile", .error,
                      ar: "تعذرت قراءة `\(path)`: \(reason)", en: "cannot read `\(path)`: \(reason)")
  }
}
