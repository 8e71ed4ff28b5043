import MizanCore

/// One version file of an association, as `mizan versions` reports it.
public struct VersionStatus: Sendable {
  /// The path as found.
  public let path: String
  /// The name inside the policies folder (`raabigh/2024-01-15.mizan`).
  public let name: String
  /// The checked version, or nil when it does not load (then `failure` says why).
  public let policy: LoadedPolicy?
  /// Why it does not load, or nil when it does.
  public let failure: PolicyLoadFailure?
  /// How it stands against `approvals.lock`; nil when it does not load or the lock is unreadable.
  public let approval: ApprovalState?

  /// Whether this version keeps `mizan check` from passing.
  public var hasProblems: Bool { failure != nil || approval?.isProblem == true }
}

/// Every version of one association, with the state of its approvals.
public struct AssociationVersions: Sendable {
  /// The association id (its folder's name).
  public let association: String
  /// Oldest first (file names are effective dates).
  public let versions: [VersionStatus]
  /// Lock entries of this association whose file is gone.
  public let missing: [ApprovalsLock.Entry]

  /// The association's names, from its latest version that loads.
  public var names: LocalizedText? { versions.last { $0.policy != nil }?.policy?.associationNames }

  /// Whether anything here keeps `mizan check` from passing.
  public var hasProblems: Bool { !missing.isEmpty || versions.contains(where: \.hasProblems) }
}

extension PolicyStore {
  /// Every version of an association, loaded without the lock comparison so that a changed
  /// approved version is still shown (with its state), and the lock entries whose file is gone.
  public func versionStatuses(of association: String) -> AssociationVersions {
    let lock = try? approvals.get()
    let versions = versionPaths(of: association).map { path -> VersionStatus in
      switch load(path, verifyingApproval: false) {
      case .success(let policy):
        return VersionStatus(path: path, name: displayName(path), policy: policy, failure: nil,
                             approval: lock?.state(of: policy))
      case .failure(let failure):
        return VersionStatus(path: path, name: displayName(path), policy: nil, failure: failure, approval: nil)
      }
    }
    let missing = (lock?.entries(of: association) ?? []).filter {
      !FileSystem.exists(root + "/" + association + "/" + $0.version + ".mizan")
    }
    return AssociationVersions(association: association, versions: versions, missing: missing)
  }
}
