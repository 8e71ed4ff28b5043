import MizanCore
import MizanSyntax

extension CheckedPolicy {
  /// The declarations this version is made of, as written, after its includes are merged and
  /// their overrides applied (in merge order): what `mizan diff` compares, so a clause moved
  /// into `common/` unchanged is the same declaration.
  package var mergedDeclarations: [Declaration] {
    guard let main = files.first else { return [] }
    var checker = Checker(sources: PolicySources(main: main, includes: Array(files.dropFirst())), analyzing: false)
    return checker.mergedDeclarations()
  }
}
