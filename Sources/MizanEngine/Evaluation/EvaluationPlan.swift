import MizanChecker
import MizanCore
import MizanSyntax

/// A checked policy lowered once for evaluation: expressions as a flat array of nodes that
/// refer to each other by index (no reference counting while evaluating, so workers on several
/// cores share it without contention), rule locations rendered once, and for every trace step
/// the values it reads, found once instead of by walking the tree per record.
///
/// A class of constants, so that workers read it without copying (and counting references to)
/// each of its arrays.
package final class EvaluationPlan: Sendable {
  /// One node of a lowered expression. Children and payloads are indices.
  package struct Node: Sendable {
    package enum Kind: UInt8, Sendable {
      case constant, fact, derived, parameter, not, negate, and, or, compare, arithmetic, member
      case provided, valid, known, wholeYears, daysBetween, wholeHijriYears, shiftMonths
      /// A fact of the member in scope (`left`: its slot in the member kind).
      case memberFact
      /// Over the members of list fact `left`, with the `where` at `right` (-1: none) and the
      /// summand at `third`.
      case countMembers, anyMember, allMembers, sumMembers
      /// The result of condition `left`; whether requirement `left`'s item is complete.
      case conditionResult, requirementComplete
      /// Whether the `saudi_id` at `left` is a citizen's.
      case isCitizen
      /// Whether the text at `left` is in vocabulary `right` (`negated`: not in it).
      case inVocabulary
      /// Field `left` of the document being judged.
      case documentField
    }

    package var kind: Kind
    package var op: BinaryOperator = .equal
    package var negated = false
    /// For `compare`, `arithmetic` and `negate`: every operand is a number, so the evaluator may
    /// work on `DecimalNumber`s without building a `Value` per operand.
    package var numeric = false
    /// The left child; for leaves, the payload (constant, slot, derived, parameter or document index).
    package var left: Int32 = 0
    /// The right child.
    package var right: Int32 = 0
    /// Index into `spans`, for the notes of an arithmetic fault.
    package var span: Int32 = 0
    /// For `sumMembers`: the summand.
    package var third: Int32 = -1
  }

  /// A named value a trace step reads.
  package enum TracedRef: Sendable, Hashable {
    case fact(Int)
    case derived(Int)
    case parameter(Int)
    case document(Int)
  }

  package let nodes: [Node]
  package let constants: [Value]
  package let parameterValues: [Value]
  /// Spans of arithmetic nodes, for notes (rendered only when a fault happens).
  package let spans: [SourceSpan]

  /// Root nodes.
  package let derivedRoots: [Int32]
  package let conditionTests: [Int32]
  package let conditionWhens: [Int32?]
  package let requirementWhens: [Int32?]

  /// `raabigh/2024-01-15.mizan:42:3` for each rule, rendered once.
  package let derivedLocations: [String]
  package let conditionLocations: [String]
  package let requirementLocations: [String]
  package let committeeLocation: String?

  /// The values each step reads, in order of first appearance, each once (the trace's `values`).
  package let derivedReads: [[TracedRef]]
  package let conditionReads: [[TracedRef]]
  package let requirementReads: [[TracedRef]]

  /// A document validity rule, without its span (so that reading it counts no reference).
  package enum Validity: Sendable, Hashable {
    case notExpired
    case datedWithin(Period)
    case signed
    /// `valid if …`: the test's root node, and what is wrong when it fails (an index in
    /// `documentTestMessages`).
    case test(root: Int32, message: Int)
  }

  /// Each document type's validity rules: all in `validityRules`, each type's range of them in
  /// `validity`. (Flat, so that reading them takes no inner array, and no reference count.)
  package let validityRules: [Validity]
  package let validity: [Range<Int>]
  /// Each requirement's alternatives: all in `alternativeItems`, each requirement's range in `alternatives`.
  package let alternativeItems: [RequirementItem]
  package let alternatives: [Range<Int>]
  /// The committee's reply period, if the policy has a committee.
  package let committeeReplyDays: Int?
  /// Who provides each requirement's item: the provider of its first document; facts come from the applicant.
  package let providers: [Provider]

  /// For each member kind, the validity rules of each of its document types (in `validityRules`).
  package let memberValidity: [[Range<Int>]]
  /// For each member requirement: its `where` (read in the member's scope) and its `when`.
  package let memberRequirementFilters: [Int32?]
  package let memberRequirementWhens: [Int32?]
  /// Each vocabulary's values, for membership tests.
  package let vocabularies: [Set<String>]
  /// The words of the `valid if` tests' `otherwise`, by `Validity.test`'s message.
  package let documentTestMessages: [LocalizedText]
  /// The stages' tests, in order.
  package let stageTests: [Int32]
  /// The order rules are decided in (`CheckedPolicy.ruleOrder`).
  package let ruleOrder: [RuleReference]

  package init(policy: CheckedPolicy) {
    parameterValues = policy.parameters.map(\.value)
    var rules: [Validity] = []
    var messages: [LocalizedText] = []
    var lowering = Lowering(policy: policy)
    func lowered(_ type: DocumentType) -> Range<Int> {
      let start = rules.count
      var tests = type.tests.makeIterator()
      for rule in type.validity {
        switch rule {
        case .notExpired: rules.append(.notExpired)
        case .datedWithin(let period, _): rules.append(.datedWithin(period))
        case .signed: rules.append(.signed)
        case .test:
          guard let test = tests.next() else { continue }
          messages.append(test.otherwise)
          rules.append(.test(root: lowering.lower(test.test), message: messages.count - 1))
        }
      }
      return start..<rules.count
    }
    validity = policy.documents.map(lowered)
    memberValidity = policy.members.map { $0.documents.map(lowered) }
    validityRules = rules
    documentTestMessages = messages
    var items: [RequirementItem] = []
    alternatives = policy.requirements.map { requirement in
      let start = items.count
      items += requirement.alternatives
      return start..<items.count
    }
    alternativeItems = items
    committeeReplyDays = policy.committee?.replyAfterDays
    derivedRoots = policy.derived.map { lowering.lower($0.expression) }
    derivedLocations = policy.derived.map { Self.location($0.described.span) }
    derivedReads = policy.derived.map { Self.reads([$0.expression], policy: policy) }
    conditionTests = policy.conditions.map { lowering.lower($0.test) }
    conditionWhens = policy.conditions.map { $0.when.map { lowering.lower($0) } }
    conditionLocations = policy.conditions.map { Self.location($0.described.span) }
    conditionReads = policy.conditions.map { Self.reads([$0.when, $0.test].compactMap { $0 }, policy: policy) }
    requirementWhens = policy.requirements.map { $0.when.map { lowering.lower($0) } }
    requirementLocations = policy.requirements.map { Self.location($0.described.span) }
    requirementReads = policy.requirements.map { Self.reads($0.when.map { [$0] } ?? [], policy: policy) }
    providers = policy.requirements.map { requirement in
      for case .document(let index) in requirement.alternatives { return policy.documents[index].provider }
      return .applicant
    }
    committeeLocation = policy.committee.map { Self.location($0.described.span) }
    memberRequirementFilters = policy.memberRequirements.map { $0.filter.map { lowering.lower($0) } }
    memberRequirementWhens = policy.memberRequirements.map { $0.when.map { lowering.lower($0) } }
    stageTests = policy.stages.map { lowering.lower($0.test) }
    vocabularies = policy.vocabularies.map { Set($0.values) }
    // A policy checked without an order (built in a test) is decided in declaration order.
    ruleOrder = policy.ruleOrder.isEmpty
      ? policy.conditions.indices.map { .condition($0) } + policy.requirements.indices.map { .requirement($0) }
      : policy.ruleOrder
    nodes = lowering.nodes
    constants = lowering.constants
    spans = lowering.spans
  }

  /// `raabigh/2024-01-15.mizan:42:3`, independent of the working directory.
  static func location(_ span: SourceSpan) -> String { "\(span.file.name):\(span.start)" }

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
      case .quantifier(_, let list, _, _, _, _):
        // The list, by its length; its members' facts are not values of the rule's own.
        if seen.insert(policy.facts[list].name).inserted { refs.append(.fact(list)) }
        expression.children.forEach(visit)
      default:
        expression.children.forEach(visit)
      }
    }
    expressions.forEach(visit)
    return refs
  }

  /// Expressions being lowered into one array of nodes.
  private struct Lowering {
    let policy: CheckedPolicy
    var nodes: [Node] = []
    var constants: [Value] = []
    var spans: [SourceSpan] = []

    /// Appends the nodes of `expression` (children first) and gives the index of its root.
    mutating func lower(_ expression: TypedExpression) -> Int32 {
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
      case .negate(let inner, _): return add(Node(kind: .negate, numeric: isNumber(inner), left: lower(inner)))
      case .and(let l, let r, _):
        let left = lower(l)
        return add(Node(kind: .and, left: left, right: lower(r)))
      case .or(let l, let r, _):
        let left = lower(l)
        return add(Node(kind: .or, left: left, right: lower(r)))
      case .compare(let op, let l, let r, _):
        let left = lower(l)
        return add(Node(kind: .compare, op: op, numeric: isNumber(l) && isNumber(r), left: left, right: lower(r)))
      case .arithmetic(let op, let l, let r, _, let span):
        let left = lower(l)
        let right = lower(r)
        spans.append(span)
        return add(Node(kind: .arithmetic, op: op, numeric: isNumber(l) && isNumber(r), left: left, right: right,
                        span: Int32(spans.count - 1)))
      case .member(let element, let set, let negated, _):
        let left = lower(element)
        return add(Node(kind: .member, negated: negated, left: left, right: lower(set)))
      case .wholeYears(let from, let to, _):
        let left = lower(from)
        return add(Node(kind: .wholeYears, left: left, right: lower(to)))
      case .daysBetween(let from, let to, _):
        let left = lower(from)
        return add(Node(kind: .daysBetween, left: left, right: lower(to)))
      case .memberFact(_, let slot, _):
        return add(Node(kind: .memberFact, left: Int32(slot)))
      case .isCitizen(let inner, _):
        return add(Node(kind: .isCitizen, left: lower(inner)))
      case .documentField(let slot, _):
        return add(Node(kind: .documentField, left: Int32(slot)))
      case .inVocabulary(let element, let vocabulary, let negated, _):
        return add(Node(kind: .inVocabulary, negated: negated, left: lower(element), right: Int32(vocabulary)))
      case .conditionResult(let index, _):
        return add(Node(kind: .conditionResult, left: Int32(index)))
      case .requirementComplete(let index, _):
        return add(Node(kind: .requirementComplete, left: Int32(index)))
      case .quantifier(let quantifier, let list, _, let filter, let body, let span):
        let filterRoot = filter.map { lower($0) } ?? -1
        let bodyRoot = body.map { lower($0) } ?? -1
        spans.append(span)
        let kind: Node.Kind =
          switch quantifier {
          case .count: .countMembers
          case .any: .anyMember
          case .all: .allMembers
          case .sum: .sumMembers
          }
        return add(Node(kind: kind, left: Int32(list), right: filterRoot, span: Int32(spans.count - 1), third: bodyRoot))
      case .wholeHijriYears(let from, let to, _):
        let left = lower(from)
        return add(Node(kind: .wholeHijriYears, left: left, right: lower(to)))
      case .shiftMonths(let date, let months, let subtract, let span):
        let left = lower(date)
        let right = lower(months)
        spans.append(span)
        return add(Node(kind: .shiftMonths, op: subtract ? .minus : .plus, left: left, right: right,
                        span: Int32(spans.count - 1)))
      }
    }

    /// Whether `expression` always gives a number (when known).
    func isNumber(_ expression: TypedExpression) -> Bool {
      func number(_ type: ValueType) -> Bool {
        if case .number = type { return true }
        return false
      }
      switch expression {
      case .constant(let value, _):
        if case .number = value { return true }
        return false
      case .fact(let slot, _): return number(policy.facts[slot].type)
      case .derived(let index, _): return number(policy.derived[index].type)
      case .parameter(let index, _): return number(policy.parameters[index].type)
      case .negate(let inner, _): return isNumber(inner)
      case .arithmetic(_, let l, let r, _, _): return isNumber(l) && isNumber(r)
      case .wholeYears, .daysBetween, .wholeHijriYears: return true
      case .memberFact(let kind, let slot, _): return number(policy.members[kind].facts[slot].type)
      case .quantifier(let quantifier, _, _, _, _, _): return quantifier == .count || quantifier == .sum
      default: return false
      }
    }
  }
}
