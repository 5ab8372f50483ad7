// /var/lib/dpkg/status: which version of a package is installed. How regdoctor learns containerd's version
// without executing anything found on the machine (its gRPC Version API needs HTTP/2, which regdoctor does not
// speak): the installed package's, which is the running daemon's unless it was upgraded and not restarted.

public enum DpkgStatus {
  /// The `Version:` of the first of `packages` (in that order of preference) whose stanza says
  /// `Status: install ok installed`; nil when none is installed. Control characters are dropped.
  public static func installedVersion(of packages: [String], in text: String) -> String? {
    var found: [String: String] = [:]
    for stanza in text.split(separator: "\n\n", omittingEmptySubsequences: true) {
      var name: String?
      var version: String?
      var installed = false
      for line in stanza.split(separator: "\n") {
        if line.hasPrefix("Package: ") { name = line.dropFirst("Package: ".count).trimmingWhitespace }
        if line.hasPrefix("Version: ") { version = line.dropFirst("Version: ".count).trimmingWhitespace }
        if line.hasPrefix("Status: ") { installed = line.hasSuffix(" installed") && line.contains("install ok") }
      }
      if let name, let version, installed, packages.contains(name), found[name] == nil {
        found[name] = shownText(String(version.prefix(64)), keepNewlines: false)
      }
    }
    return packages.lazy.compactMap { found[$0] }.first
  }
}
