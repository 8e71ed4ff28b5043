// The façade's public surface: Mizan's own entry points (Engine, PolicyStore, …) and, below, the
// values they return, named here one by one. The modules below the façade are not re-exported:
// a program embedding Mizan (and the `mizan` command) sees these and nothing else.
import MizanCore
import MizanEngine

/// The result of evaluating one application (docs/records.md).
public typealias Outcome = MizanEngine.Outcome
public typealias Verdict = MizanEngine.Verdict
public typealias ChecklistStatus = MizanEngine.ChecklistStatus
public typealias ChecklistItem = MizanEngine.ChecklistItem
public typealias Reason = MizanEngine.Reason
public typealias MissingFact = MizanEngine.MissingFact
public typealias NextStep = MizanEngine.NextStep
public typealias PolicyIdentity = MizanEngine.PolicyIdentity
public typealias TraceEvent = MizanEngine.TraceEvent
public typealias TracedValue = MizanEngine.TracedValue
/// Why a record cannot be evaluated, naming the JSON path.
public typealias RecordError = MizanEngine.RecordError
/// A problem found in a policy, a lock or a record, with its place and hint.
public typealias Diagnostic = MizanCore.Diagnostic
public typealias DiagnosticID = MizanCore.DiagnosticID
public typealias Severity = MizanCore.Severity
public typealias SourceSpan = MizanCore.SourceSpan
/// Every human text in both languages.
public typealias LocalizedText = MizanCore.LocalizedText
public typealias Language = MizanCore.Language
/// A day, Gregorian, readable and writable in the Umm al-Qura calendar too.
public typealias CalendarDate = MizanCore.CalendarDate
/// An exact decimal (money, counts).
public typealias DecimalNumber = MizanCore.DecimalNumber
/// A JSON value, as trace steps show what they read.
public typealias JSONValue = MizanCore.JSONValue
public typealias JSONMember = MizanCore.JSONMember
/// Renders diagnostics as text, one GNU line each, or JSON, in either language.
public typealias DiagnosticRenderer = MizanCore.DiagnosticRenderer

/// "Did you mean …": the command line's suggestions for a mistyped command, option or name.
package typealias Suggestions = MizanCore.Suggestions
/// A noun in its five Arabic forms after a number, for the command line's counted messages.
package typealias ArabicCountedNoun = MizanCore.ArabicCountedNoun
