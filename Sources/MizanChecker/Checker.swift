import MizanCore
import MizanSyntax

/// The files of one policy version: the version file and the shared clause files it includes,
/// already read and parsed (the checker does no I/O).
package struct PolicySources: Sendable {
  package var main: PolicyFile
  /// Included files in the order their declarations are merged (includes of includes first).
  package var includes: [PolicyFile]
  /// The values of each `vocabulary … from "file"`, read by the loader, by the declaring
  /// file's path and the path as written.
  package var vocabularies: [VocabularyKey: [String]] = [:]

  package init(main: PolicyFile, includes: [PolicyFile] = []) {
    self.main = main
    self.includes = includes
  }
}

/// Which vocabulary file: the policy file that names it and the path as written there.
package struct VocabularyKey: Hashable, Sendable {
  package var declaringFile: String
  package var path: String

  package init(declaringFile: String, path: String) {
    self.declaringFile = declaringFile
    self.path = path
  }
}

/// Turns parsed files into a `CheckedPolicy`, or into the diagnostics that say why not.
///
/// Passes, in order: merge includes and overrides, build the symbol table, header, types of
/// facts and parameters, derived values (cycles, then types in dependency order), rules,
/// lints (labels, provenance), reachability. Each pass goes on after errors, and a name that
/// failed once is not reported again.
package struct Checker {
  var diagnostics: [Diagnostic] = []
  var symbols = SymbolTable()
  let sources: PolicySources
  var enumerationsByName: [String: EnumerationType] = [:]
  var factTypes: [ValueType] = []
  var parameterTypes: [ValueType] = []
  /// Folded parameter values; nil where the value failed to check.
  var parameterValues: [Value?] = []
  /// Derived values' types by their declaration index (before topological ordering).
  var derivedTypes: [Int: ValueType] = [:]
  /// Declaration index → position in dependency order.
  var derivedOrder: [Int: Int] = [:]
  /// Parameters some expression uses (for the unused-parameter warning).
  var usedParameters: Set<Int> = []
  /// Set while checking a parameter's value: only constants and earlier parameters may appear.
  var checkingParameterValue = false
  /// Unknown names reported so far (see `givesSuggestions`).
  var unknownNamesReported = 0
  /// The kinds of member, and each kind's fact slots by name.
  var memberKinds: [MemberKind] = []
  var memberKindsByName: [String: Int] = [:]
  var memberFactSlots: [[String: Int]] = []
  var memberDocumentSlots: [[String: Int]] = []
  /// The member kind whose facts a quantifier's `where` (or summand) is reading, if any.
  var memberScope: Int?
  /// Set while checking conditions and requirements: only rules may refer to rules (a derived
  /// value is computed before any rule).
  var checkingRules = false
  /// While typing a document's `valid if` test: its fields by name (slot and type); only they
  /// and parameters may be read there.
  var documentScope: [String: (slot: Int, type: ValueType)]?

  /// Whether to run the policy-wide analyses of docs/analysis.md after the checks.
  let analyzing: Bool

  init(sources: PolicySources, analyzing: Bool) {
    self.sources = sources
    self.analyzing = analyzing
  }

  /// Checks a version (with its header) and its includes: what evaluation needs. With
  /// `analyzing`, also the analyses `mizan check` and `mizan diff` report (conditions that
  /// contradict each other, bands with gaps, documents never required): warnings only, and work
  /// that grows with the square of the conditions, so evaluation never asks for them.
  package static func check(_ sources: PolicySources, analyzing: Bool = false) -> Result<CheckedPolicy, CheckFailure> {
    var checker = Checker(sources: sources, analyzing: analyzing)
    let policy = checker.run()
    let sorted = checker.diagnostics.sortedForDisplay()
    guard let policy, !sorted.containsErrors else { return .failure(CheckFailure(diagnostics: sorted)) }
    var result = policy
    result.warnings = sorted
    return .success(result)
  }

  mutating func run() -> CheckedPolicy? {
    let allDeclarations = mergedDeclarations().filter { declaration in
      // Enumerations name types, not values: the `channel` enumeration types the `channel` field.
      if case .enumeration = declaration.kind { return true }
      guard SymbolTable.envelopeFacts.contains(declaration.name.name) else { return true }
      report(.reservedName(declaration.name.name), at: declaration.name.span)
      return false
    }
    for include in sources.includes where include.header != nil {
      report(.headerInInclude(include.source.path), at: include.header?.association.span)
    }
    let header = checkHeader(sources.main.header, file: sources.main.source)
    // Facts of a member kind (`fact birth_date of child: date`) live in the kind's own scope.
    let owned = allDeclarations.filter { $0.owner != nil }
    let ownDeclarations = allDeclarations.filter { $0.owner == nil }
    declareSymbols(ownDeclarations)
    let enumerations = checkEnumerations(ownDeclarations)
    let vocabularies = checkVocabularies(ownDeclarations)
    let members = checkMembers(ownDeclarations, owned: owned)
    let declarations = ownDeclarations
    let parameters = checkParameters(declarations)
    let facts = checkFacts(declarations)
    let documents = checkDocuments(declarations)
    let derived = checkDerived(declarations)
    checkingRules = true
    let conditions = checkConditions(declarations)
    let requirements = checkRequirements(declarations)
    let memberRequirements = checkMemberRequirements(declarations)
    let stages = declarations.compactMap { declaration -> CheckedStage? in
      guard case .stage(let test) = declaration.kind, let typed = checkBoolean(test) else { return nil }
      return CheckedStage(described: described(declaration), test: typed)
    }
    checkingRules = false
    let ruleOrder = orderRules(conditions: conditions, requirements: requirements)
    let committee = checkCommittee(declarations)
    lintLabelsAndProvenance(declarations)
    warnUnusedParameters(declarations)
    guard let header else { return nil }
    let policy = CheckedPolicy(
      header: header, enumerations: enumerations, parameters: parameters, facts: facts, documents: documents,
      derived: derived, conditions: conditions, requirements: requirements, committee: committee,
      members: members, memberRequirements: memberRequirements, vocabularies: vocabularies, stages: stages,
      ruleOrder: ruleOrder,
      files: [sources.main] + sources.includes,
      channelEnumeration: enumerations.firstIndex { $0.name == "channel" }, warnings: [])
    // Reachability is interval analysis too: only `mizan check` and `diff` pay for it, never a
    // load for evaluation (a big draft beside the version in force must not slow `eval`).
    if analyzing {
      checkReachability(policy)
      if !diagnostics.containsErrors { analyze(policy) }
    }
    return policy
  }

  mutating func report(_ message: DiagnosticMessage, at span: SourceSpan?, notes: [DiagnosticNote] = [],
                       help: LocalizedText? = nil) {
    diagnostics.append(Diagnostic(message, at: span, notes: notes, help: help))
  }
}

/// Why a policy could not be checked: at least one error, sorted for display.
package struct CheckFailure: Error, Sendable {
  package var diagnostics: [Diagnostic]
}
