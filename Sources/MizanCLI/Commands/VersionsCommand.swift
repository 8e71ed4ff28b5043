import Foundation
import Mizan

/// `mizan versions [ASSOCIATION] [--on DATE]`: every version, its approval and fingerprint, and
/// which one is in force today and on a given day.
enum VersionsCommand: Command {
  static let spec = CommandSpec(
    name: "versions", usage: "mizan versions [ASSOCIATION] [--on DATE] [--format text|json] [--draft]",
    summary: "List each association's policy versions: effective date (Gregorian and Hijri), status, approval "
      + "as written, what it supersedes, fingerprint and whether approvals.lock matches; and the version in "
      + "force today and on --on DATE. Exits 1 when a version has errors or does not match approvals.lock.",
    options: [
      OptionSpec(name: "on", value: "DATE", help: "also show the version in force on DATE (Gregorian or Hijri)"),
      OptionSpec(name: "format", value: "text|json", help: "aligned text (default) or canonical JSON"),
      OptionSpec(name: "draft", value: nil, help: "let drafts be in force, as `mizan eval --draft` does"),
    ])

  /// What the command reports, computed once for both formats.
  struct Listing {
    /// "Today", from `MIZAN_TODAY` or the clock.
    var today: CalendarDate
    /// The day of `--on`, if given.
    var on: CalendarDate?
    /// `--draft`: drafts may be in force.
    var includeDrafts: Bool
    var associations: [Entry]

    /// One association: its versions and the version in force on each day asked about.
    struct Entry {
      var versions: AssociationVersions
      var inForceToday: InForce
      var inForceOn: InForce?
    }
  }

  /// The version in force on a day, or why there is none.
  struct InForce {
    enum State {
      /// This version is in force.
      case version(LoadedPolicy)
      /// No approved version yet on that day; the earliest takes effect later (if any).
      case noneYet(earliest: CalendarDate?)
      /// Only a draft exists, and drafts were not asked for.
      case onlyDraft(version: String)
      /// A version does not load or does not match the lock, so `eval` would refuse.
      case policyErrors
    }

    var date: CalendarDate
    var state: State

    /// Whether `policy` is the one in force.
    func isVersion(_ policy: LoadedPolicy) -> Bool {
      if case .version(let chosen) = state { return chosen.path == policy.path }
      return false
    }
  }

  static func run(_ arguments: Arguments, context: inout CommandContext) -> ExitCode {
    let store = context.store
    let listing: Listing
    let format: String
    do throws(UsageError) {
      guard arguments.positionals.count <= 1 else {
        throw UsageError(message: "expected at most one association, found \(arguments.positionals.count)")
      }
      format = try arguments.choice("format", among: ["text", "json"], default: "text")
      let on = try arguments.date("on")
      let today = try Today.date()
      guard Files.isDirectory(store.root) else {
        throw UsageError(message: "`\(store.root)` is not a policies folder (use --policies DIR or MIZAN_POLICIES)")
      }
      let known = store.associations
      var chosen = known
      if let name = arguments.positionals.first {
        guard known.contains(name) else {
          let hint = Suggestions.nearest(to: name, among: known).map { "; did you mean `\($0)`?" }
          throw UsageError(message: "unknown association `\(name)`" + (hint ?? "; known: " + known.joined(separator: ", ")))
        }
        chosen = [name]
      }
      let includeDrafts = arguments.has("draft")
      listing = Listing(
        today: today, on: on, includeDrafts: includeDrafts,
        associations: chosen.map { association in
          Listing.Entry(
            versions: store.versionStatuses(of: association),
            inForceToday: inForce(store, association, on: today, includeDrafts: includeDrafts),
            inForceOn: on.map { inForce(store, association, on: $0, includeDrafts: includeDrafts) })
        })
    } catch {
      context.terminal.printError("mizan versions: \(error.message)\nRun `mizan versions --help` for usage.")
      return .usage
    }
    if case .failure(let failure) = store.approvals { context.report(failure.diagnostics) }
    if format == "json" {
      context.terminal.print(json(listing).canonicalText)
    } else {
      context.terminal.write(text(listing, language: context.language))
    }
    let lockFailed = (try? store.approvals.get()) == nil
    return lockFailed || listing.associations.contains(where: \.versions.hasProblems) ? .problemsFound : .success
  }

  /// The same choice `mizan eval` makes (`PolicyStore.policyInForce`), as something to show.
  static func inForce(_ store: PolicyStore, _ association: String, on date: CalendarDate,
                      includeDrafts: Bool) -> InForce {
    switch store.policyInForce(for: association, on: date, includeDrafts: includeDrafts) {
    case .success(let policy): InForce(date: date, state: .version(policy))
    case .failure(.noneInForce(_, _, let earliest)): InForce(date: date, state: .noneYet(earliest: earliest))
    case .failure(.onlyDraft(_, let version)): InForce(date: date, state: .onlyDraft(version: version))
    case .failure(.policyError), .failure(.unknownAssociation), .failure(.noPoliciesFolder):
      InForce(date: date, state: .policyErrors)
    }
  }
}
