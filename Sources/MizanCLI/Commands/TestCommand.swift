import Mizan

/// `mizan test [PATH…]`: run the policy examples and show a diff for each one that fails.
enum TestCommand: Command {
  static let spec = CommandSpec(
    name: "test", usage: "mizan test [PATH…] [--coverage] [--min-coverage P] [--policies DIR]",
    summary: "Run the policy examples (policies/<id>/tests/*.jsonl: a record and its expected outcome, one a "
      + "line) and show what differs for each one that fails; ends with `N passed, M failed`.",
    options: [
      OptionSpec(name: "coverage", value: nil,
                 help: "report, per policy version, which outcomes of each rule the examples reached"),
      OptionSpec(name: "min-coverage", value: "P",
                 help: "fail (exit 1) when a version has under P% of its conditions seen both true and false "
                   + "(implies --coverage)"),
    ])

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    var minimum: Double?
    if let text = arguments["min-coverage"] {
      guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), value >= 0, value <= 100 else {
        context.terminal.printError("mizan test: `--min-coverage` must be a percentage from 0 to 100, found `\(text)`")
        return .usage
      }
      minimum = value
    }
    let measuresCoverage = arguments.has("coverage") || minimum != nil
    var coverage = CoverageReport()
    let paths = arguments.positionals.isEmpty ? [context.policiesRoot] : arguments.positionals
    var files: [ExampleFile] = []
    for path in paths {
      guard let found = PolicyExamples.files(at: path) else {
        context.terminal.printError("mizan test: " + text(context, ar: "`\(path)` غير موجود", en: "`\(path)` does not exist"))
        return .usage
      }
      files += found
    }
    var passed = 0
    var failed = 0
    for file in files {
      let (examples, problems) = PolicyExamples.read(file)
      for problem in problems {
        context.terminal.printError(problem.rendered(in: context.language))
      }
      failed += problems.count
      // `--policies` wins; otherwise the folder the examples file lies in, then the default.
      let root = arguments["policies"] ?? file.policiesRoot ?? context.policiesRoot
      let engine = Engine(store: PolicyStore(root: root))
      if measuresCoverage, let association = file.association {
        coverage.include(versionsOf: association, in: engine.store)
      }
      for example in examples {
        let result = PolicyExamples.run(example, engine: engine)
        if measuresCoverage { coverage.add(result) }
        if result.passed {
          passed += 1
        } else {
          failed += 1
          context.terminal.print(TestReport(result: result, language: context.language).rendered)
        }
      }
    }
    if files.isEmpty {
      context.terminal.printError("mizan test: " + text(
        context, ar: "لا توجد أمثلة في \(paths.joined(separator: "، ")) (يبحث عن tests/*.jsonl)",
        en: "no examples under \(paths.joined(separator: ", ")) (looked for tests/*.jsonl)"))
    }
    var belowMinimum: [PolicyCoverage] = []
    if measuresCoverage {
      let report = CoverageText(report: coverage, language: context.language)
      context.terminal.print(report.rendered)
      if let minimum { belowMinimum = coverage.policies.filter { $0.conditionPercent < minimum } }
      if let minimum, !belowMinimum.isEmpty {
        context.terminal.printError("mizan test: " + report.belowMinimum(belowMinimum, minimum: minimum))
      }
    }
    context.terminal.print(text(context, ar: "\(passed) ناجح، \(failed) فاشل", en: "\(passed) passed, \(failed) failed"))
    return failed > 0 || passed == 0 || !belowMinimum.isEmpty ? .problemsFound : .success
  }

  static func text(_ context: CommandContext, ar: String, en: String) -> String {
    context.language == .arabic ? ar : en
  }
}

/// One failed example as a person reads it: where it is, what differs, and what it gave.
struct TestReport {
  let result: ExampleResult
  let language: Language

  func t(_ arabic: String, _ english: String) -> String { language == .arabic ? arabic : english }

  var rendered: String {
    let example = result.example
    var lines = [t("فشل", "FAIL") + " \(example.location) \(example.name)"]
    if !example.description.isEmpty { lines.append("  \(example.description)") }
    for mismatch in result.mismatches {
      lines.append("  - \(mismatch.field): " + t("المتوقع ", "expected ") + mismatch.expected[language]
        + t("، الفعلي ", ", actual ") + mismatch.actual[language])
    }
    lines.append("  " + t("الناتج الفعلي:", "actual outcome:"))
    if let error = result.error {
      lines.append("    " + t("خطأ", "error") + " \(error.id): \(error.message[language])")
    }
    if let outcome = result.outcome {
      lines.append("    " + t("الحكم: ", "verdict: ") + outcome.verdict.rawValue)
      let reasons = outcome.reasons.map { "\($0.rule) (\($0.result))" }
      lines.append("    " + t("القواعد غير المستوفاة: ", "failed rules: ") + list(reasons))
      lines.append("    " + t("قائمة المتطلبات: ", "checklist: ") + list(outcome.checklist.map { "\($0.key) \($0.status.rawValue)" }))
      lines.append("    " + t("معلومات ناقصة: ", "missing facts: ") + list(outcome.missingFacts.map(\.fact)))
      var step = outcome.nextStep.action
      if let reply = outcome.nextStep.earliestReplyOn { step += t(" (أقرب رد \(reply.iso))", " (earliest reply \(reply.iso))") }
      lines.append("    " + t("الخطوة التالية: ", "next step: ") + step)
    }
    return lines.joined(separator: "\n")
  }

  func list(_ items: [String]) -> String { items.isEmpty ? t("لا شيء", "none") : items.joined(separator: t("، ", ", ")) }
}
