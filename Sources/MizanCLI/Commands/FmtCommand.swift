import Mizan

/// `mizan fmt [PATH…] [--check]`: rewrite policy files in canonical layout.
enum FmtCommand: Command {
  static let spec = CommandSpec(
    name: "fmt", usage: "mizan fmt [PATH…] [--check]",
    summary: "Rewrite policy files (and shared clause files) in the canonical layout. Idempotent; "
      + "files are replaced atomically. Files with syntax errors are left untouched.",
    options: [OptionSpec(name: "check", value: nil, help: "change nothing; exit 1 if any file is not formatted")])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let paths = arguments.positionals.isEmpty ? [context.policiesRoot] : arguments.positionals
    var files: [String] = []
    for path in paths {
      guard Files.exists(path) else {
        context.terminal.printError("mizan fmt: " + context.t("`\(path)` غير موجود", "`\(path)` does not exist"))
        return .usage
      }
      files += PolicyFormatting.mizanFiles(under: path)
    }
    var unformatted = 0
    var failed = false
    var refused = false
    for file in files {
      switch PolicyFormatting.formatted(file) {
      case .failure(let failure):
        context.report(failure.diagnostics)
        failed = true
      case .success(let (original, formatted)):
        guard original != formatted else { continue }
        if PolicyFormatting.wouldChangeApprovedFingerprint(file, original: original, formatted: formatted) {
          context.terminal.printError("mizan fmt: \(file): " + context.t(
            "تُرك كما هو: التنسيق سيغيّر رموز نسخة معتمدة، ومن ثَمّ بصمتها؛ النسخ المعتمدة مجمّدة — أنشئ ملف نسخة جديدة بدلًا من ذلك",
            "left unchanged: formatting would change the tokens, and so the fingerprint, "
              + "of an approved version; approved versions are frozen — make a new version file instead"))
          refused = true
          continue
        }
        unformatted += 1
        if arguments.has("check") {
          context.terminal.print("\(file): " + context.t("غير منسَّق", "not formatted"))
          continue
        }
        do {
          try Files.replace(file, with: Array(formatted.utf8))
          context.terminal.print(context.t("نُسِّق \(file)", "formatted \(file)"))
        } catch {
          context.terminal.printError("mizan fmt: " + context.t(
            "تعذّرت الكتابة (\(error.description))؛ تُرك `\(file)` كما كان",
            "cannot write \(error.description); `\(file)` was left as it was"))
          failed = true
        }
      }
    }
    if failed { return .policyError }
    if refused { return .problemsFound }
    return arguments.has("check") && unformatted > 0 ? .problemsFound : .success
  }
}
