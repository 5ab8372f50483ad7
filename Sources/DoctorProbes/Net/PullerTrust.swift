import DoctorCore
import FoundationEssentials

extension TrustStore {
  /// What dockerd verifies a registry's chain against: the system bundle (never the shell's SSL_CERT_FILE or
  /// SSL_CERT_DIR, which the daemon does not have) plus every `*.crt` in `certs.d/<host[:port]>/`.
  /// Docker Hub itself (registry-1.docker.io) is the exception: dockerd gives it the default TLS configuration,
  /// the system bundle only, whatever certs.d holds (moby registry.lookupV2Endpoints; its mirrors get certs.d).
  static func docker(certsDirectory: String, registry: Endpoint) -> TrustStore {
    let system = TrustStore.fromEnvironment([:])
    if registry.host.lowercased() == RegistryTarget.dockerHubRegistryHost && registry.port == 443 {
      return TrustStore(roots: system.roots, source: "\(system.source) (dockerd reads no certs.d for Docker Hub)")
    }
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
