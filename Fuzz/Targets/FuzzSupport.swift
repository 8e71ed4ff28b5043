// Shared by the three fuzz targets: where the policies are, loading them once, and how a broken
// property is reported (a crash, so that libFuzzer saves the input).

import Foundation
import Mizan
import MizanCore

/// Stops the run with a message on stderr; libFuzzer sees the abort and writes the input to a
/// `crash-…` file. Used only for properties the harness checks itself (the engine never aborts).
func fuzzFailure(_ message: String) -> Never {
  FileHandle.standardError.write(Data(("fuzz property broken: " + message + "\n").utf8))
  abort()
}

/// The policies folder: `MIZAN_FUZZ_POLICIES`, else `policies` in the working directory (the
/// repository root, where `Fuzz/run.sh` runs the targets).
let fuzzPoliciesRoot: String = ProcessInfo.processInfo.environment["MIZAN_FUZZ_POLICIES"] ?? "policies"

/// Every version of every association that loads, oldest first, loaded once per process.
let fuzzPolicies: [String: [LoadedPolicy]] = {
  let store = PolicyStore(root: fuzzPoliciesRoot)
  var byAssociation: [String: [LoadedPolicy]] = [:]
  for association in store.associations {
    byAssociation[association] = store.versions(of: association).loaded
  }
  guard let raabigh = byAssociation["raabigh"], !raabigh.isEmpty else {
    fuzzFailure("no loadable raabigh policy under `\(fuzzPoliciesRoot)`: run from the repository root")
  }
  return byAssociation
}()

/// The same policies by fingerprint, as replay finds them.
let fuzzPoliciesByFingerprint: [String: LoadedPolicy] = {
  var index: [String: LoadedPolicy] = [:]
  for versions in fuzzPolicies.values {
    for policy in versions { index[policy.fingerprint] = policy }
  }
  return index
}()

/// The checked raabigh version the record target decodes every record against.
let fuzzRaabigh: LoadedPolicy = {
  guard let latest = fuzzPolicies["raabigh"]?.last else { fuzzFailure("no raabigh policy") }
  return latest
}()

/// Each association's versions with the rule that chooses among them, loaded once (an engine call
/// by record bytes would load the folder on every input).
let fuzzAssociations: [String: AssociationPolicies] = {
  let store = PolicyStore(root: fuzzPoliciesRoot)
  var byName: [String: AssociationPolicies] = [:]
  for association in store.associations {
    if case .success(let policies) = store.policies(of: association) { byName[association] = policies }
  }
  return byName
}()

/// The engine over the same folder, as `mizan eval` uses it.
let fuzzEngine = Engine(store: PolicyStore(root: fuzzPoliciesRoot))

/// Renders diagnostics as the command line does (text in both languages, and JSON), so the
/// renderer sees every span.
func renderEveryWay(_ diagnostics: [Diagnostic]) {
  _ = DiagnosticRenderer(format: .text, language: .english).render(diagnostics)
  _ = DiagnosticRenderer(format: .text, language: .arabic).render(diagnostics)
  _ = DiagnosticRenderer(format: .json, language: .english).render(diagnostics)
}

/// The input as an array (the library reads arrays, not pointers).
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
  Array(UnsafeBufferPointer(start: data, count: size))
}
