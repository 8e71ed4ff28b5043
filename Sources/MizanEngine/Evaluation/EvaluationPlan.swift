import MizanChecker
import MizanCore
import MizanSyntax

/// A checked policy lowered once for evaluation: expressions as a flat array of nodes that
/// refer to each other by index (no reference counting while evaluating, so workers on several
/// cores share it without contention), rule locations rendered once, and for every trace step
/// the values it reads, found once instead of by walking the tree per record.
package struct EvaluationPlan: Sendable {
  /// One node of a lowered expression. Children and payloads are indices.
  package struct Node: Sendable {
    package enum Kind: UInt8, Sendable {
      case constant, fact, derived, parameter, not, negate, and, or, compare, arithmetic, member
      case provided, valid, known, wholeYears, daysBetween
    }

    package var kind: Kind
    package var op: BinaryOperator = .equal
    package var negated = false
    /// The left child; for leaves, the payload (constant, slot, derived, parameter or document index).
    package var left: Int32 = 0
    /// The right child.
    package var right: Int32 = 0
    /// Index into `spans`, for the notes of an arithmetic fault.
    package var span: Int32 = 0
  }

  /// A named value a trace step reads.
  package enum TracedRef: Sendable, Hashable {
    case fact(Int)
    case derived(Int)
    case parameter(Int)
    case document(Int)
  }

  /// A label in both languages, as UTF-8 bytes.
  package struct LabelBytes: Sendable {
    package var arabic: [UInt8]
    package var english: [UInt8]
  }

  package var nodes: [Node] = []
  package var constants: [Value] = []
  package var parameterValues: [Value] = []
  /// Spans of arithmetic nodes, for notes (rendered only when a fault happens).
  package var spans: [SourceSpan] = []

  /// Root nodes.
  package var derivedRoots: [Int32] = []
  package var conditionTests: [Int32] = []
  package var conditionWhens: [Int32?] = []
  package var requirementWhens: [Int32?] = []

  /// `raabigh/2024-01-15.mizan:42:3` for each rule, rendered once.
  package var derivedLocations: [String] = []
  package var conditionLocations: [String] = []
  package var requirementLocations: [String] = []
  package var committeeLocation: String?

  /// The values each step reads, in order of first appearance, each once (the trace's `values`).
  package var derivedReads: [[TracedRef]] = []
  package var conditionReads: [[TracedRef]] = []
  package var requirementReads: [[TracedRef]] = []

  /// Each document type's validity rules.
  package var validity: [[ValidityRule]] = []
  /// Names as bytes, for decoding records straight from their bytes.
  package var recordTables: RecordTables
  /// Each document type's labels as UTF-8, for detail texts.
  package var documentLabels: [LabelBytes] = []
  /// Who provides each requirement's item: the provider of its first document; facts come from the applicant.
  package var providers: [Provider] = []

  package init(policy: CheckedPolicy) {
    recordTables = RecordTables(policy: policy)
    parameterValues = policy.parameters.map(\.value)
    validity = policy.documents.map(\.validity)
    documentLabels = policy.documents.map {
      LabelBytes(arabic: Array($0.described.labels.arabic.utf8), english: Array($0.described.labels.english.utf8))
    }
    for derived in policy.derived {
      derivedRoots.append(lower(derived.expression))
      derivedLocations.append(Self.location(derived.described.span))
      derivedReads.append(Self.reads([derived.expression], policy: policy))
    }
    for condition in policy.conditions {
      conditionTests.append(lower(condition.test))
      conditionWhens.append(condition.when.map { lower($0) })
      conditionLocations.append(Self.location(condition.described.span))
      conditionReads.append(Self.reads([condition.when, condition.test].compactMap { $0 }, policy: policy))
    }
    for requirement in policy.requirements {
      var provider = Provider.applicant
      for case .document(let index) in requirement.alternatives {
        provider = policy.documents[index].provider
        break
      }
      providers.append(provider)
      requirementWhens.append(requirement.when.map { lower($0) })
      requirementLocations.append(Self.location(requirement.described.span))
      requirementReads.append(Self.reads(requirement.when.map { [$0] } ?? [], policy: policy))
    }
    committeeLocation = policy.committee.map { Self.location($0.described.span) }
  }

  /// `raabigh/2024-01-15.mizan:42:3`, independent of the working directory.
  static func location(_ span: SourceSpan) -> String { "\(span.file.name):\(span.start)" }

  /// Appends the nodes of `expression` (children first) and gives the index of its root.
  private mutating func lower(_ expression: TypedExpression) -> Int32 {
    func add(_ node: Node) -> Int32 {
      nodes.append(node)
      return Int32(nodes.count - 1)
    }
    switch expression {
    case .constant(let value, _):
      constants.append(value)
      return add(Node(kind: .constant, left: Int32(constants.count - 1)))
    case .fact(let slot, _): return add(Node(kind: .fact, left: Int32(slot)))
    case .derived(let index, _): return add(Node(kind: .derived, left: Int32(index)))
    case .parameter(let index, _): return add(Node(kind: .parameter, left: Int32(index)))
    case .provided(let document, _): return add(Node(kind: .provided, left: Int32(document)))
    case .valid(let document, _): return add(Node(kind: .valid, left: Int32(document)))
    case .known(let slot, _): return add(Node(kind: .known, left: Int32(slot)))
    case .not(let inner, _): return add(Node(kind: .not, left: lower(inner)))
    case .negate(let inner, _): return add(Node(kind: .negate, left: lower(inner)))
    case .and(let l, let r, _):
      let left = lower(l)
      return add(Node(kind: .and, left: left, right: lower(r)))
    case .or(let l, let r, _):
      let left = lower(l)
      return add(Node(kind: .or, left: left, right: lower(r)))
    case .compare(let op, let l, let r, _):
      let left = lower(l)
      return add(Node(kind: .compare, op: op, left: left, right: lower(r)))
    case .arithmetic(let op, let l, let r, _, let span):
      let left = lower(l)
      let right = lower(r)
      spans.append(span)
      return add(Node(kind: .arithmetic, op: op, left: left, right: right, span: Int32(spans.count - 1)))
    case .member(let element, let set, let negated, _):
      let left = lower(element)
      return add(Node(kind: .member, negated: negated, left: left, right: lower(set)))
    case .wholeYears(let from, let to, _):
      let left = lower(from)
      return add(Node(kind: .wholeYears, left: left, right: lower(to)))
    case .daysBetween(let from, let to, _):
      let left = lower(from)
      return add(Node(kind: .daysBetween, left: left, right: lower(to)))
    }
  }

  /// The named values `expressions` read, each once, in order of first appearance; documents
  /// are told apart from facts of the same name.
  static func reads(_ expressions: [TypedExpression], policy: CheckedPolicy) -> [TracedRef] {
    var seen: Set<String> = []
    var refs: [TracedRef] = []
    func visit(_ expression: TypedExpression) {
      switch expression {
      case .fact(let slot, _), .known(let slot, _):
        if seen.insert(policy.facts[slot].name).inserted { refs.append(.fact(slot)) }
      case .derived(let index, _):
        if seen.insert(policy.derived[index].name).inserted { refs.append(.derived(index)) }
      case .parameter(let index, _):
        if seen.insert(policy.parameters[index].name).inserted { refs.append(.parameter(index)) }
      case .provided(let document, _), .valid(let document, _):
        if seen.insert("document:" + policy.documents[document].name).inserted { refs.append(.document(document)) }
      default:
        expression.children.forEach(visit)
      }
    }
    expressions.forEach(visit)
    return refs
  }
}
