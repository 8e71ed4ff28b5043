import MizanCore
import MizanSyntax

extension Checker {
  /// Resolves and types an expression. `expecting` lets a bare enumeration value (`interview`)
  /// resolve against the type the context needs. Returns nil after reporting, or quietly
  /// when the error was already reported (a poisoned name), so one mistake gives one message.
  mutating func typeCheck(_ expression: Expression, expecting: ValueType?) -> (TypedExpression, ValueType)? {
    switch expression {
    case .missing:
      return nil
    case .literal(let literal, let span):
      return typeOfLiteral(literal, span: span)
    case .name(let identifier):
      return resolveName(identifier, expecting: expecting)
    case .not(let inner, let span):
      guard let operand = checkBoolean(inner) else { return nil }
      return (.not(operand, span: span), .bool)
    case .negate(let inner, let span):
      guard let (operand, type) = typeCheck(inner, expecting: expecting) else { return nil }
      guard case .number = type else {
        report(.typeMismatch(expected: ValueType.number(.plain).localizedName, found: type.localizedName),
               at: inner.span)
        return nil
      }
      return (.negate(operand, span: span), type == .number(.count) ? .number(.plain) : type)
    case .binary(let op, let left, let right, let span):
      return typeCheckBinary(op, left, right, span: span)
    case .membership(let element, let set, let negated, let span):
      return typeCheckMembership(element, set, negated: negated, span: span)
    case .quantifier(let quantifier, let list, let body, let filter, let span):
      return typeCheckQuantifier(quantifier, list: list, body: body, filter: filter, span: span)
    case .set(let elements, let span):
      return typeCheckSet(elements, expecting: expecting, span: span)
    case .call(let function, let arguments, let span):
      return typeCheckCall(function, arguments, span: span)
    }
  }

  func typeOfLiteral(_ literal: Literal, span: SourceSpan) -> (TypedExpression, ValueType) {
    switch literal {
    case .number(let value, let unit):
      switch unit {
      case "SAR": return (.constant(.number(value), span: span), .number(.money))
      case "days": return (.constant(.number(value), span: span), .number(.days))
      case "months": return (.constant(.number(value), span: span), .number(.months))
      case "years":
        // A year is twelve calendar months: `1 year` after 29 February is 28 February.
        let months = value.multiplied(by: DecimalNumber(integer: 12)) ?? value
        return (.constant(.number(months), span: span), .number(.months))
      default: return (.constant(.number(value), span: span), .number(.plain))
      }
    case .text(let text): return (.constant(.text(text), span: span), .text)
    case .bool(let value): return (.constant(.bool(value), span: span), .bool)
    case .date(let date, _): return (.constant(.date(date), span: span), .date)
    }
  }

  mutating func resolveName(_ identifier: Identifier, expecting: ValueType?) -> (TypedExpression, ValueType)? {
    let name = identifier.name
    if let field = documentScope?[name] { return (.documentField(field.slot, span: identifier.span), field.type) }
    if documentScope != nil, !(expecting.map { if case .enumeration = $0 { true } else { false } } ?? false) {
      if case .parameter? = symbols[name] {} else {
        report(.outsideDocumentTest(name), at: identifier.span,
               help: LocalizedText(ar: "اختبار المستند يقرأ حقوله والمعاملات فقط؛ اجعل الشرط على الطلب قاعدة",
                                   en: "a document's test reads its own fields and parameters only; make a test of the application a rule"))
        return nil
      }
    }
    if let member = memberFact(identifier) { return member }
    if symbols.poisoned.contains(name) { return nil }
    if case .enumeration(let enumName)? = expecting, let enumeration = enumerationsByName[enumName],
      let index = enumeration.index(of: name)
    {
      return (.constant(.enumeration(index), span: identifier.span), .enumeration(enumName))
    }
    switch symbols[name] {
    case .fact(let index) where !checkingParameterValue:
      return (.fact(index, span: identifier.span), factTypes[index])
    case .parameter(let index) where index < parameterTypes.count:
      usedParameters.insert(index)
      return (.parameter(index, span: identifier.span), parameterTypes[index])
    case .derived(let index) where !checkingParameterValue:
      guard let type = derivedTypes[index], let position = derivedOrder[index] else { return nil }
      return (.derived(position, span: identifier.span), type)
    case .condition(let index) where !checkingParameterValue && checkingRules:
      return (.conditionResult(index, span: identifier.span), .bool)
    case .condition:
      report(.ruleOutsideRules(name), at: identifier.span,
             help: LocalizedText(ar: "اجعل القيمة شرطًا، أو اكتب الاختبار هنا نفسه",
                                 en: "make this a condition too, or write the test itself here"))
      return nil
    case .requirement where !checkingParameterValue:
      report(.typeMismatch(expected: LocalizedText(ar: "قيمة", en: "a value"),
                           found: LocalizedText(ar: "المتطلب `\(name)`", en: "requirement `\(name)`")),
             at: identifier.span,
             help: LocalizedText(ar: "استخدم `complete(\(name))`: صحيح إذا قُدّم البند أو لم يكن مطلوبًا",
                                 en: "use `complete(\(name))`: true when its item is provided or not required"))
      return nil
    case .document:
      report(.typeMismatch(expected: LocalizedText(ar: "قيمة", en: "a value"),
                           found: LocalizedText(ar: "المستند `\(name)`", en: "document `\(name)`")),
             at: identifier.span,
             help: LocalizedText(ar: "استخدم `provided(\(name))` أو `valid(\(name))`",
                                 en: "use `provided(\(name))` or `valid(\(name))`"))
      return nil
    default:
      break
    }
    let kinds = memberKindsHaving(name)
    if !kinds.isEmpty, memberScope == nil {
      let list = symbols.allNames.first { candidate in
        if case .fact(let slot)? = symbols[candidate], case .listOf(let kind) = factTypes[slot] { return kinds.contains(kind) }
        return false
      } ?? "list"
      report(.memberFactOutsideQuantifier(name, kinds: kinds), at: identifier.span,
             help: LocalizedText(ar: "مثل `any(\(list) where \(name) …)`", en: "as in `any(\(list) where \(name) …)`"))
      return nil
    }
    if checkingParameterValue {
      report(.notAConstant, at: identifier.span,
             help: LocalizedText(ar: "قيمة المعامل لا تعتمد على معلومات الطلب؛ تُستخدم المعاملات المعرّفة قبله فقط",
                                 en: "a parameter cannot depend on the record; only parameters declared before it may be used"))
      return nil
    }
    var candidates = !givesSuggestions ? [] : symbols.allNames.filter { name in
      switch symbols[name] {
      case .fact?, .parameter?, .derived?: true
      default: false
      }
    }
    if case .enumeration(let enumName)? = expecting, let enumeration = enumerationsByName[enumName] {
      candidates += enumeration.values
    }
    reportUnknown(identifier, kind: LocalizedText(ar: "اسم", en: "name"), candidates: candidates)
    return nil
  }

  mutating func typeCheckBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression,
                                span: SourceSpan) -> (TypedExpression, ValueType)? {
    switch op {
    case .and, .or:
      let typedLeft = checkBoolean(left)
      let typedRight = checkBoolean(right)
      guard let typedLeft, let typedRight else { return nil }
      return (op == .and ? .and(typedLeft, typedRight, span: span) : .or(typedLeft, typedRight, span: span), .bool)
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
      guard let (typedLeft, leftType, typedRight, rightType) = typeCheckOperands(left, right) else { return nil }
      guard !reportsListAsValue([(left, leftType), (right, rightType)]) else { return nil }
      let isOrdered = op != .equal && op != .notEqual
      guard comparable(leftType, rightType, ordered: isOrdered) else {
        if isOrdered, comparable(leftType, rightType, ordered: false) {
          report(.notOrdered(op.rawValue, leftType.localizedName), at: span)
        } else {
          reportIncompatible("compare", leftType, rightType, left: left, right: right, span: span)
        }
        return nil
      }
      return (.compare(op, typedLeft, typedRight, span: span), .bool)
    case .plus, .minus, .times, .divided:
      guard let (typedLeft, leftType, typedRight, rightType) = typeCheckOperands(left, right) else { return nil }
      guard !reportsListAsValue([(left, leftType), (right, rightType)]) else { return nil }
      guard let result = arithmeticResult(op, leftType, rightType) else {
        reportIncompatible(op == .plus || op == .minus ? "add" : "multiply", leftType, rightType,
                           left: left, right: right, span: span)
        return nil
      }
      if result == .date, leftType == .number(.months) || rightType == .number(.months) {
        let (date, months) = leftType == .date ? (typedLeft, typedRight) : (typedRight, typedLeft)
        return (.shiftMonths(date, months: months, subtract: op == .minus, span: span), .date)
      }
      return (.arithmetic(op, typedLeft, typedRight, result: result, span: span), result)
    }
  }

  /// Types both operands; a bare enumeration value on either side takes the other side's type.
  mutating func typeCheckOperands(_ left: Expression, _ right: Expression)
    -> (TypedExpression, ValueType, TypedExpression, ValueType)?
  {
    if case .name(let identifier) = left, symbols[identifier.name] == nil, memberFact(identifier) == nil,
      documentScope?[identifier.name] == nil
    {
      guard let (typedRight, rightType) = typeCheck(right, expecting: nil) else {
        _ = typeCheck(left, expecting: nil)  // still report an unknown name on the left
        return nil
      }
      guard let (typedLeft, leftType) = typeCheck(left, expecting: rightType) else { return nil }
      return (typedLeft, leftType, typedRight, rightType)
    }
    let leftResult = typeCheck(left, expecting: nil)
    let rightResult = typeCheck(right, expecting: leftResult?.1)
    guard let (typedLeft, leftType) = leftResult, let (typedRight, rightType) = rightResult else { return nil }
    return (typedLeft, leftType, typedRight, rightType)
  }

  mutating func typeCheckMembership(_ element: Expression, _ set: Expression, negated: Bool,
                                    span: SourceSpan) -> (TypedExpression, ValueType)? {
    if case .name(let name) = set, case .vocabulary(let index)? = symbols[name.name] {
      return typeCheckInVocabulary(element, vocabulary: index, negated: negated, span: span)
    }
    guard let (typedElement, elementType) = typeCheck(element, expecting: nil) else {
      _ = typeCheck(set, expecting: nil)
      return nil
    }
    guard case .enumeration(let enumName) = elementType else {
      report(.typeMismatch(expected: LocalizedText(ar: "قيمة من تعداد", en: "an enumeration value"),
                           found: elementType.localizedName), at: element.span)
      return nil
    }
    guard let (typedSet, setType) = typeCheck(set, expecting: .setOf(enumName)) else { return nil }
    guard setType == .setOf(enumName) else {
      report(.typeMismatch(expected: ValueType.setOf(enumName).localizedName, found: setType.localizedName),
             at: set.span)
      return nil
    }
    return (.member(typedElement, set: typedSet, negated: negated, span: span), .bool)
  }

  mutating func typeCheckSet(_ elements: [Expression], expecting: ValueType?,
                             span: SourceSpan) -> (TypedExpression, ValueType)? {
    guard case .setOf(let enumName)? = expecting, let enumeration = enumerationsByName[enumName] else {
      report(.typeMismatch(expected: expecting?.localizedName ?? LocalizedText(ar: "قيمة", en: "a value"),
                           found: LocalizedText(ar: "مجموعة", en: "a set")), at: span)
      return nil
    }
    var bits: UInt64 = 0
    var ok = true
    for element in elements {
      guard case .name(let identifier) = element, let index = enumeration.index(of: identifier.name), index < 64 else {
        if case .name(let identifier) = element {
          reportUnknown(identifier, kind: LocalizedText(ar: "قيمة من `\(enumName)`", en: "`\(enumName)` value"),
                        candidates: enumeration.values)
        } else {
          report(.typeMismatch(expected: ValueType.enumeration(enumName).localizedName,
                               found: LocalizedText(ar: "تعبير", en: "an expression")), at: element.span)
        }
        ok = false
        continue
      }
      bits |= 1 << UInt64(index)
    }
    guard ok else { return nil }
    return (.constant(.set(bits), span: span), .setOf(enumName))
  }

  mutating func typeCheckCall(_ function: Identifier, _ arguments: [Expression],
                              span: SourceSpan) -> (TypedExpression, ValueType)? {
    guard let builtin = BuiltinFunction(rawValue: function.name) else {
      report(.unknownFunction(function.name), at: function.span,
             help: didYouMean(function.name, among: BuiltinFunction.allCases.map(\.rawValue)))
      return nil
    }
    let expectedCount = builtin == .wholeYears || builtin == .daysBetween || builtin == .wholeHijriYears ? 2 : 1
    guard arguments.count == expectedCount else {
      report(.argumentCount(function.name, expected: expectedCount, found: arguments.count), at: span)
      return nil
    }
    switch builtin {
    case .provided, .valid:
      guard case .name(let name) = arguments[0], case .document(let index)? = symbols[name.name] else {
        if case .name(let name) = arguments[0], symbols[name.name] == nil {
          reportUnknown(name, kind: LocalizedText(ar: "مستند", en: "document"),
                        candidates: !givesSuggestions ? [] : symbols.allNames.filter {
                          if case .document? = symbols[$0] { true } else { false }
                        })
        } else {
          report(.typeMismatch(expected: LocalizedText(ar: "اسم مستند", en: "a document name"),
                               found: LocalizedText(ar: "تعبير", en: "an expression")), at: arguments[0].span)
        }
        return nil
      }
      return (builtin == .provided ? .provided(document: index, span: span) : .valid(document: index, span: span), .bool)
    case .isCitizen:
      guard let (typed, type) = typeCheck(arguments[0], expecting: .saudiID) else { return nil }
      guard type == .saudiID else {
        report(.typeMismatch(expected: ValueType.saudiID.localizedName, found: type.localizedName), at: arguments[0].span,
               help: LocalizedText(ar: "صرّح بالمعلومة بالنوع `saudi_id`", en: "declare the fact as `saudi_id`"))
        return nil
      }
      return (.isCitizen(typed, span: span), .bool)
    case .complete:
      guard checkingRules, case .name(let name) = arguments[0], case .requirement(let index)? = symbols[name.name] else {
        let found = if case .name(let name) = arguments[0] {
          LocalizedText(ar: "`\(name.name)`", en: "`\(name.name)`")
        } else {
          LocalizedText(ar: "تعبير", en: "an expression")
        }
        report(.typeMismatch(expected: LocalizedText(ar: "اسم متطلب", en: "a requirement name"), found: found),
               at: arguments[0].span,
               help: checkingRules ? nil : LocalizedText(ar: "يشير إلى المتطلبات شرط أو متطلب فقط",
                                                         en: "only a condition or a requirement may refer to a requirement"))
        return nil
      }
      return (.requirementComplete(index, span: span), .bool)
    case .known:
      guard case .name(let name) = arguments[0], case .fact(let index)? = symbols[name.name] else {
        report(.typeMismatch(expected: LocalizedText(ar: "اسم معلومة", en: "a fact name"),
                             found: LocalizedText(ar: "تعبير", en: "an expression")), at: arguments[0].span)
        return nil
      }
      return (.known(fact: index, span: span), .bool)
    case .wholeYears, .daysBetween, .wholeHijriYears:
      let from = typeCheck(arguments[0], expecting: .date)
      let to = typeCheck(arguments[1], expecting: .date)
      guard let (typedFrom, fromType) = from, let (typedTo, toType) = to else { return nil }
      for (type, argument) in [(fromType, arguments[0]), (toType, arguments[1])] where type != .date {
        report(.typeMismatch(expected: ValueType.date.localizedName, found: type.localizedName), at: argument.span)
        return nil
      }
      switch builtin {
      case .wholeYears: return (.wholeYears(typedFrom, typedTo, span: span), .number(.count))
      case .wholeHijriYears: return (.wholeHijriYears(typedFrom, typedTo, span: span), .number(.count))
      default: return (.daysBetween(typedFrom, typedTo, span: span), .number(.days))
      }
    }
  }
}
