import DoctorCore
import FoundationEssentials

extension TrustStore {
  /// What dockerd verifies a registry's chain against: the system bundle (never the shell's SSL_CERT_FILE or
  /// SSL_CERT_DIR, which the daemon does not have) plus every `*.crt` in `certs.d/<host[:port]>/`.
  static func docker(certsDirectory: String, registry: Endpoint) -> TrustStore {
    let system = TrustStore.fromEnvironment([:])
    let name = registry.port == 443 ? registry.host : registry.hostPort
    let directory = pathJoined(certsDirectory, name)
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      $0.hasSuffix(".crt")
    }
    let extra = files.sorted().flatMap { loadPEMFile(pathJoined(directory, $0)) }
    let count = extra.count == 1 ? "1 certificate" : "\(extra.count) certificates"
    return TrustStore(roots: system.roots + extra, source: "\(system.source) + \(directory) (\(count))")
  }
}
