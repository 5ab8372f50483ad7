/// Which build this is: printed by `regdoctor --version` and written into every JSON report (`regdoctorVersion`),
/// so a report attached to a ticket says which regdoctor wrote it.
public enum BuildInfo {
  /// Bumped by hand at a release.
  public static let version = "0.9.0"
  /// The git commit baked in at build time by scripts/dist or scripts/install (scripts/lib-build-info.sh).
  public static let commit: String = bakedCommit ?? "unknown commit"
  /// "0.9.0 (3f2a1c9d0b7e)", or "0.9.0 (unknown commit)" when built outside git.
  public static let versionAndCommit = "\(version) (\(commit))"
}
