import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A real Docker Engine (Debian's docker.io: dockerd 20.10 over containerd 1.6) inside a scenario's namespace,
/// with its own roots, sockets and configuration, so the lab's ground truth is the pull the puller really makes.
///
/// What this kernel and `ip netns exec` need (found by trying):
/// - `ip netns exec` gives each command a private mount namespace and a fresh /sys without the cgroup mounts;
///   dockerd refuses to start ("Devices cgroup isn't mounted"), so a small wrapper re-mounts the host's cgroup
///   hierarchies inside that private namespace before it execs dockerd. containerd needs none for pulls.
/// - `ip netns exec` bind-mounts every entry of /etc/netns/NAME over /etc: /etc/netns/NAME/docker becomes the
///   daemon's /etc/docker (daemon.json, certs.d/<host>/ca.crt, and the key.json dockerd writes) without touching
///   the machine's own /etc/docker.
/// - overlay2 works on this kernel (dockerd picks it; it would fall back to vfs by itself).
/// Teardown: dockerd then containerd are terminated (TERM, then KILL), their mounts die with their private mount
/// namespaces, leftovers under the work directory are unmounted, and the namespace removes the directories.
final class LabDockerEngine: @unchecked Sendable {
  /// The daemon's environment: its proxy (HTTPS_PROXY, NO_PROXY), as a systemd drop-in would give it.
  struct Options {
    var environment: [String: String] = [:]
    /// What certs.d/<registry>/ca.crt holds: the CAs the daemon trusts for the registry.
    var trusts: [String] = []
    var registryHost: String
    /// A Kubernetes node: containerd alone with its CRI plugin (no dockerd), configured where regdoctor reads it.
    var criNode = false
    /// The drop-in written to containerd.service.d (what the next start would use), when any.
    var dropIn: [String: String]?
    /// A mirror hosts.toml names before the registry (`[host."https://<mirror>"]`), when any.
    var mirror: String?
    /// daemon.json `registry-mirrors`; each mirror's certs.d/<host>/ca.crt holds `trusts` (dockerd reads a
    /// mirror's certs.d, never Docker Hub's own).
    var registryMirrors: [String] = []
  }

  let dockerSocket: String
  let containerdSocket: String
  /// hosts.toml directory for `ctr images pull --hosts-dir` (containerd's /etc/containerd/certs.d).
  let containerdHostsDirectory: String
  let containerdConfig: String
  private(set) var options: Options
  /// The running dockerd (containerd outlives its restarts).
  private var dockerd: LabProcess?
  /// Seconds from the first process start to the API answering /_ping.
  private(set) var startSeconds: Double = 0
  private let namespace: LabNamespace
  private let root: String

  init(namespace: LabNamespace, options: Options, startTimeout: TimeInterval = 30) throws {
    self.namespace = namespace
    self.options = options
    root = namespace.workDirectory.appendingPathComponent("engine").path
    dockerSocket = "\(root)/docker.sock"
    containerdSocket = "\(root)/containerd.sock"
    // Where regdoctor reads containerd's files (REGDOCTOR_ETC/containerd) and where containerd reads them.
    let etcContainerd = namespace.workDirectory.appendingPathComponent("etc/containerd").path
    containerdConfig = "\(etcContainerd)/config.toml"
    containerdHostsDirectory = "\(etcContainerd)/certs.d"
    let started = Date()
    try writeConfiguration()
    namespace.onDestroy { [root] in Self.unmountLeftovers(under: root) }
    // containerd gets only its own environment, as systemd would give it (its drop-in's proxy variables).
    try namespace.startServer(
      ["env", "-i"] + Self.assignments(daemonEnvironment) + ["containerd", "--config", containerdConfig],
      timeout: startTimeout, readyWhen: { $0.contains("containerd successfully booted") })
    if options.criNode {
      startSeconds = Date().timeIntervalSince(started)
      return
    }
    try startDockerd(timeout: max(1, startTimeout - Date().timeIntervalSince(started)))
    startSeconds = Date().timeIntervalSince(started)
  }

  /// Stops dockerd and starts it again with `environment` (its proxy settings): what `systemctl restart docker`
  /// does after a drop-in changed. Returns once the new daemon answers /_ping.
  func restartDockerd(environment: [String: String], timeout: TimeInterval = 30) throws {
    dockerd?.terminate(grace: 10)
    options.environment = environment
    try startDockerd(timeout: timeout)
  }

  private func startDockerd(timeout: TimeInterval) throws {
    dockerd = try namespace.startServer(
      ["env", "-i"] + Self.assignments(daemonEnvironment) + ["/bin/sh", "\(root)/start-dockerd.sh"]
        + dockerdArguments, timeout: timeout,
      readyWhen: { $0.contains("API listen on \(self.dockerSocket)") })
    let ping = try Command.run(
      ["curl", "-sS", "--max-time", "5", "--unix-socket", dockerSocket, "http://docker/_ping"], check: false)
    guard ping.status == 0, ping.stdout == "OK" else {
      throw LabError("dockerd listens but /_ping answered \(ping.status): \(ping.stdout)\(ping.stderr)")
    }
  }

  /// `docker pull REFERENCE` through this daemon, bounded; the CLI runs inside the namespace.
  func dockerPull(_ reference: String, timeout: TimeInterval = 60) throws -> CommandResult {
    try namespace.run(
      [Self.dockerCLI, "-H", "unix://\(dockerSocket)", "pull", reference],
      environment: ["PATH": LabEnvironment.systemPath, "HOME": "\(root)/home"], timeout: timeout)
  }

  /// `ctr images pull` against this containerd. ctr 1.6 fetches in its own process (the daemon stores and
  /// unpacks), so it gets the daemon's environment and hosts.toml trust: the path containerd's CRI would take.
  func containerdPull(_ reference: String, timeout: TimeInterval = 60) throws -> CommandResult {
    try namespace.run(
      [
        "ctr", "-a", containerdSocket, "images", "pull", "--hosts-dir", containerdHostsDirectory,
        reference,
      ], environment: daemonEnvironment, timeout: timeout)
  }

  /// A CRI `PullImage` (runtime.v1.ImageService) on containerd's socket: the pull the kubelet asks for, made by
  /// containerd itself with its own environment and hosts.toml. Debian has no crictl, so the gRPC call is made
  /// with curl over HTTP/2 (a gRPC frame around `PullImageRequest{image: ImageSpec{image: REF}}`); the outcome is
  /// the `grpc-status` curl prints (0: pulled), its message the pull's own error.
  func criPull(_ reference: String, timeout: TimeInterval = 60) throws -> CommandResult {
    let name = Array(reference.utf8)
    let spec = [0x0A, UInt8(name.count)] + name
    let message = [0x0A, UInt8(spec.count)] + spec
    let frame = [0, 0, 0, 0, UInt8(message.count)] + message
    let request = "\(root)/cri-pull-request"
    try Data(frame).write(to: URL(fileURLWithPath: request))
    let result = try namespace.run(
      [
        "curl", "-sS", "--max-time", String(Int(timeout)), "--http2-prior-knowledge", "--unix-socket",
        containerdSocket, "-H", "content-type: application/grpc", "-H", "te: trailers", "--data-binary",
        "@\(request)", "-D", "-", "-o", "/dev/null", "http://containerd/runtime.v1.ImageService/PullImage",
      ], environment: ["PATH": LabEnvironment.systemPath], timeout: timeout + 5)
    let headers = result.stdout.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    let status = headers.last { $0.lowercased().hasPrefix("grpc-status:") }.map {
      Int32($0.dropFirst("grpc-status:".count).trimmingCharacters(in: .whitespaces)) ?? 99
    }
    let grpcMessage = headers.last { $0.lowercased().hasPrefix("grpc-message:") } ?? ""
    return CommandResult(
      commandLine: "CRI PullImage \(reference) (curl --http2-prior-knowledge on \(containerdSocket))",
      status: result.status != 0 ? 100 + result.status : (status ?? 98), stdout: result.stdout,
      stderr: grpcMessage + result.stderr, seconds: result.seconds, timedOut: result.timedOut)
  }

  /// GET on the Engine API (e.g. `/info`), as regdoctor reads it.
  func api(_ path: String) throws -> String {
    try Command.run(
      ["curl", "-sS", "--max-time", "5", "--unix-socket", dockerSocket, "http://docker\(path)"]
    ).stdout
  }

  // MARK: - private

  /// Debian's CLI (20.10, like the daemon); another `docker` earlier in PATH may be a different build.
  private static var dockerCLI: String {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/docker") ? "/usr/bin/docker" : "docker"
  }

  private var daemonEnvironment: [String: String] {
    options.environment.merging(["PATH": LabEnvironment.systemPath, "HOME": "\(root)/home"]) { mine, _ in mine }
  }

  private var dockerdArguments: [String] {
    [
      "dockerd", "--iptables=false", "--ip6tables=false", "--bridge=none", "--data-root", "\(root)/data",
      "--exec-root", "\(root)/exec", "--pidfile", "\(root)/docker.pid", "-H", "unix://\(dockerSocket)",
      "--containerd", containerdSocket,
      // One attempt: a blocked host fails the pull at once instead of after 5 retries with back-off.
      "--max-download-attempts", "1",
    ]
  }

  private static func assignments(_ environment: [String: String]) -> [String] {
    environment.map { "\($0.key)=\($0.value)" }.sorted()
  }

  private func writeConfiguration() throws {
    let files = FileManager.default
    for directory in ["home", "data", "exec", "containerd-root", "containerd-state"] {
      try files.createDirectory(atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
    }
    // Docker's containerd has CRI disabled (it only stores images); a Kubernetes node's has it, with the
    // registry's hosts.toml under config_path.
    try files.createDirectory(atPath: containerdHostsDirectory, withIntermediateDirectories: true)
    try """
    version = 2
    root = "\(root)/containerd-root"
    state = "\(root)/containerd-state"
    \(options.criNode ? "" : #"disabled_plugins = ["io.containerd.grpc.v1.cri"]"#)
    [grpc]
      address = "\(containerdSocket)"
    [ttrpc]
      address = "\(containerdSocket).ttrpc"
    [plugins."io.containerd.grpc.v1.cri"]
      disable_tcp_service = true
    [plugins."io.containerd.grpc.v1.cri".registry]
      config_path = "\(containerdHostsDirectory)"

    """.write(toFile: containerdConfig, atomically: true, encoding: .utf8)
    let dropInDirectory = namespace.workDirectory.appendingPathComponent(
      "etc/systemd/system/containerd.service.d"
    ).path
    try files.createDirectory(atPath: dropInDirectory, withIntermediateDirectories: true)
    let onDisk = options.dropIn ?? options.environment
    if !onDisk.isEmpty {
      let lines = Self.assignments(onDisk).map { "Environment=\"\($0)\"" }
      let text = (["[Service]"] + lines).joined(separator: "\n") + "\n"
      try text.write(toFile: "\(dropInDirectory)/http-proxy.conf", atomically: true, encoding: .utf8)
      // dockerd's drop-in too: what its next start would use, where regdoctor reads it.
      let dockerDropIns = namespace.workDirectory.appendingPathComponent("etc/systemd/system/docker.service.d").path
      try files.createDirectory(atPath: dockerDropIns, withIntermediateDirectories: true)
      try text.write(toFile: "\(dockerDropIns)/http-proxy.conf", atomically: true, encoding: .utf8)
    }
    try Self.wrapperScript().write(toFile: "\(root)/start-dockerd.sh", atomically: true, encoding: .utf8)

    // The daemon's /etc/docker (bind-mounted by `ip netns exec`), and the same directory where regdoctor reads
    // it (REGDOCTOR_ETC/docker).
    let etcDocker = namespace.etcDirectory.appendingPathComponent("docker").path
    let caBundle = try options.trusts.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
    try files.createDirectory(atPath: etcDocker, withIntermediateDirectories: true)
    let mirrors = options.registryMirrors.map { "\"\($0)\"" }.joined(separator: ", ")
    try (mirrors.isEmpty ? "{}\n" : "{\"registry-mirrors\": [\(mirrors)]}\n").write(
      toFile: "\(etcDocker)/daemon.json", atomically: true, encoding: .utf8)
    let mirrorHosts = options.registryMirrors.map {
      String($0.split(separator: "/").dropFirst($0.contains("://") ? 1 : 0).first ?? "")
    }
    for host in [options.registryHost] + mirrorHosts {
      try files.createDirectory(atPath: "\(etcDocker)/certs.d/\(host)", withIntermediateDirectories: true)
      if !caBundle.isEmpty {
        try caBundle.write(toFile: "\(etcDocker)/certs.d/\(host)/ca.crt", atomically: true, encoding: .utf8)
      }
    }
    let regdoctorEtc = namespace.workDirectory.appendingPathComponent("etc/docker").path
    try? files.removeItem(atPath: regdoctorEtc)
    try files.createDirectory(
      atPath: namespace.workDirectory.appendingPathComponent("etc").path, withIntermediateDirectories: true)
    try files.createSymbolicLink(atPath: regdoctorEtc, withDestinationPath: etcDocker)

    // containerd's trust for the same registry: hosts.toml naming the CA file.
    let hostDirectory = "\(containerdHostsDirectory)/\(options.registryHost)"
    try files.createDirectory(atPath: hostDirectory, withIntermediateDirectories: true)
    let mirrorTable =
      options.mirror.map { "[host.\"https://\($0)\"]\n  capabilities = [\"pull\", \"resolve\"]\n" } ?? ""
    var hostsToml = """
      server = "https://\(options.registryHost)"
      \(mirrorTable)
      [host."https://\(options.registryHost)"]
        capabilities = ["pull", "resolve"]

      """
    if !caBundle.isEmpty {
      try caBundle.write(toFile: "\(hostDirectory)/ca.crt", atomically: true, encoding: .utf8)
      hostsToml += "  ca = \"\(hostDirectory)/ca.crt\"\n"
    }
    try hostsToml.write(toFile: "\(hostDirectory)/hosts.toml", atomically: true, encoding: .utf8)
  }

  /// Re-creates the host's cgroup mounts (as /proc/mounts lists them) inside `ip netns exec`'s private mount
  /// namespace, then execs dockerd. Nothing here reaches the machine's own mounts.
  private static func wrapperScript() throws -> String {
    let mounts = try String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)
    var lines = [
      "#!/bin/sh", "# Generated by the regdoctor lab: cgroups for dockerd inside ip netns exec's mount namespace.",
      "set -e",
    ]
    for entry in mounts.split(separator: "\n") {
      let fields = entry.split(separator: " ").map(String.init)
      guard fields.count >= 4, fields[1].hasPrefix("/sys/fs/cgroup") else { continue }
      let (type, options) = (fields[2], fields[3])
      guard ["tmpfs", "cgroup", "cgroup2"].contains(type) else { continue }
      lines.append("mkdir -p '\(fields[1])'")
      lines.append("mount -t \(type) -o '\(options)' \(type) '\(fields[1])'")
    }
    lines.append(#"exec "$@""#)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Anything still mounted under `root` in the test's own mount namespace (there should be none: the daemons'
  /// mounts live in their private namespaces) is unmounted before the directory is removed.
  private static func unmountLeftovers(under root: String) {
    guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return }
    let points = mounts.split(separator: "\n").compactMap { line -> String? in
      let fields = line.split(separator: " ")
      return fields.count > 1 && fields[1].hasPrefix(root) ? String(fields[1]) : nil
    }
    for point in points.reversed() { _ = try? Command.run(["umount", "-l", point], timeout: 5, check: false) }
  }
}
