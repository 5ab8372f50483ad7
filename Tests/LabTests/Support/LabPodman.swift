import Foundation

/// A real podman (Debian's 4.3.1) as a scenario's puller. podman has no daemon: the pull runs in the user's
/// own process, here `podman pull` inside the namespace with exactly the environment regdoctor runs with (the
/// shell's proxy, SSL_CERT_FILE, CONTAINERS_CONF, CONTAINERS_REGISTRIES_CONF), its own storage under the work
/// directory (`--root`, `--runroot`, vfs), nothing of the machine's:
/// - /etc/netns/NAME/containers is bind-mounted over /etc/containers by `ip netns exec`: policy.json, certs.d
///   (the registry's CA), an empty registries.conf.d, so the machine's own files never count; regdoctor reads
///   the same directory through REGDOCTOR_ETC/containers (a symbolic link).
/// - containers.conf (`[engine] env`, `CONTAINERS_CONF`) and registries.conf (mirrors, `CONTAINERS_REGISTRIES_CONF`)
///   are files the test writes; CONTAINERS_CONF also keeps /usr/share/containers/containers.conf out.
/// - `--events-backend none --cgroup-manager cgroupfs`: a pull needs neither journald nor systemd.
/// Teardown: a pull leaves no process; the storage goes with the work directory.
final class LabPodman: @unchecked Sendable {
  struct Options {
    /// containers.conf `[engine] env` entries (`HTTPS_PROXY=…`), in order; nil writes no `env`.
    var engineEnvironment: [String]?
    /// What certs.d/<registry>/ca.crt holds.
    var trusts: [String] = []
    var registryHost: String
    /// A mirror registries.conf names for the registry (`[[registry.mirror]]`).
    var mirror: String?
  }

  let containersConf: String
  let registriesConf: String
  private let namespace: LabNamespace
  private let root: String

  /// podman's own environment variables, for the client environment (regdoctor's and the pull's).
  var environment: [String: String] {
    ["CONTAINERS_CONF": containersConf, "CONTAINERS_REGISTRIES_CONF": registriesConf, "TMPDIR": "\(root)/tmp"]
  }

  init(namespace: LabNamespace, options: Options) throws {
    self.namespace = namespace
    root = namespace.workDirectory.appendingPathComponent("podman").path
    containersConf = "\(root)/containers.conf"
    registriesConf = "\(root)/registries.conf"
    let files = FileManager.default
    for directory in ["storage", "run", "tmp"] {
      try files.createDirectory(atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
    }
    var conf = "[engine]\n"
    if let env = options.engineEnvironment {
      conf += "env = [" + env.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
    }
    try conf.write(toFile: containersConf, atomically: true, encoding: .utf8)
    var registries = "unqualified-search-registries = []\n"
    if let mirror = options.mirror {
      registries += """

        [[registry]]
        location = "\(options.registryHost)"

        [[registry.mirror]]
        location = "\(mirror)"

        """
    }
    try registries.write(toFile: registriesConf, atomically: true, encoding: .utf8)

    let etcContainers = namespace.etcDirectory.appendingPathComponent("containers").path
    try files.createDirectory(atPath: "\(etcContainers)/registries.conf.d", withIntermediateDirectories: true)
    try #"{"default": [{"type": "insecureAcceptAnything"}]}"#.write(
      toFile: "\(etcContainers)/policy.json", atomically: true, encoding: .utf8)
    let caBundle = try options.trusts.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
    if !caBundle.isEmpty {
      let certs = "\(etcContainers)/certs.d/\(options.registryHost)"
      try files.createDirectory(atPath: certs, withIntermediateDirectories: true)
      try caBundle.write(toFile: "\(certs)/ca.crt", atomically: true, encoding: .utf8)
    }
    let regdoctorEtc = namespace.workDirectory.appendingPathComponent("etc")
    try files.createDirectory(at: regdoctorEtc, withIntermediateDirectories: true)
    try files.createSymbolicLink(
      atPath: regdoctorEtc.appendingPathComponent("containers").path, withDestinationPath: etcContainers)
  }

  /// `podman pull REFERENCE` in the namespace with the client's environment, bounded. podman 4.3 retries a
  /// failed copy three times, a second apart: a failing pull takes about 3 s.
  func pull(_ reference: String, environment: [String: String], timeout: TimeInterval = 60) throws -> CommandResult {
    try namespace.run(
      [
        "podman", "--root", "\(root)/storage", "--runroot", "\(root)/run", "--storage-driver", "vfs",
        "--events-backend", "none", "--cgroup-manager", "cgroupfs", "pull", reference,
      ], environment: environment, timeout: timeout)
  }
}
