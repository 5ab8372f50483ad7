import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Where the lab finds its programs, and whether this machine can run it at all.
enum LabEnvironment {
  /// The built `regdoctor` and `regdoctor-lab` sit next to the test bundle (.build/debug); REGDOCTOR_LAB_BIN_DIR
  /// overrides that.
  static func executable(_ name: String) throws -> String {
    for directory in candidateDirectories() {
      let path = directory.appendingPathComponent(name).path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    let searched = candidateDirectories().map(\.path).joined(separator: ", ")
    throw LabError(
      "\(name) not found (searched \(searched)); build it with `swift build --product \(name)`")
  }

  /// PATH inside the namespace: the system's tools only.
  static let systemPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

  /// Skips (with the reason) when the lab cannot run here: not root, `ip netns` unusable, or a tool missing.
  /// CI runs as root with the tools installed, so there it runs.
  static func requireLab(tools: [String] = ["ip", "nft", "dnsmasq"]) throws {
    guard geteuid() == 0 else { throw XCTSkip("the fault lab needs root (network namespaces)") }
    for tool in tools where which(tool) == nil {
      throw XCTSkip("the fault lab needs `\(tool)` (apt-get install \(aptPackage(tool)))")
    }
    if let reason = unusableReason { throw XCTSkip(reason) }
  }

  static func which(_ tool: String) -> String? {
    for directory in systemPath.split(separator: ":") {
      let path = "\(directory)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  // MARK: - private

  /// Checked once per test run: `ip netns add` works, and stale namespaces of crashed runs are swept.
  private static let unusableReason: String? = {
    LabNamespace.sweepStale()
    do {
      let probe = try LabNamespace(addresses: [])
      defer { probe.destroy() }
      // `ip netns exec` also needs a mount namespace (for /etc/netns); some containers allow one and not the other.
      _ = try probe.run(["true"], environment: ["PATH": systemPath], check: true)
      return nil
    } catch {
      return "network namespaces are unusable here: \(error)"
    }
  }()

  private static func candidateDirectories() -> [URL] {
    var directories: [URL] = []
    if let override = ProcessInfo.processInfo.environment["REGDOCTOR_LAB_BIN_DIR"] {
      directories.append(URL(fileURLWithPath: override))
    }
    let bundle = Bundle(for: BundleMarker.self).bundleURL
    directories += [bundle.deletingLastPathComponent(), bundle]
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL
    directories.append(executable.deletingLastPathComponent())
    return directories
  }

  private static func aptPackage(_ tool: String) -> String {
    switch tool {
    case "ip": return "iproute2"
    case "nft": return "nftables"
    case "dnsmasq": return "dnsmasq-base"
    case "dig": return "dnsutils"
    case "dockerd", "ctr": return "docker.io"
    default: return tool
    }
  }
}

private final class BundleMarker {}
