import XCTest

@testable import DoctorCore

final class PullerConfigParsingTests: XCTestCase {
  func testContainerdV2CRIRegistry() {
    let facts = ContainerdConfigParser.parseConfig(
      """
      version = 2
      [plugins."io.containerd.grpc.v1.cri".registry]
        config_path = "/etc/containerd/certs.d"
      [plugins."io.containerd.grpc.v1.cri".registry.configs."contoso.azurecr.io".tls]
        ca_file = "/etc/ssl/private-ca.pem"
        insecure_skip_verify = true
      [plugins."io.containerd.grpc.v1.cri".registry.configs."contoso.azurecr.io".auth]
        password = "hunter2"
      """, path: "/etc/containerd/config.toml")
    XCTAssertNil(facts.parseError)
    XCTAssertEqual(facts.version, 2)
    XCTAssertTrue(facts.criEnabled)
    XCTAssertEqual(facts.configPath, "/etc/containerd/certs.d")
    XCTAssertEqual(facts.legacyCAFiles["contoso.azurecr.io"], "/etc/ssl/private-ca.pem")
    XCTAssertEqual(facts.legacySkipVerify, ["contoso.azurecr.io"])
    XCTAssertEqual(facts.legacyAuthHosts, ["contoso.azurecr.io"])
  }

  func testContainerdV3AndDockersOwnContainerd() {
    let v3 = ContainerdConfigParser.parseConfig(
      "version = 3\n[plugins.'io.containerd.cri.v1.images'.registry]\nconfig_path = '/etc/containerd/certs.d'\n",
      path: "c")
    XCTAssertEqual(v3.version, 3)
    XCTAssertEqual(v3.configPath, "/etc/containerd/certs.d")
    let docker = ContainerdConfigParser.parseConfig("disabled_plugins = [\"cri\"]\n", path: "c")
    XCTAssertFalse(docker.criEnabled)
    XCTAssertEqual(docker.version, 1)
  }

  func testGarbageConfigIsASentence() {
    for text in [
      "version = 2\n[plugins\n", "\u{FF}\u{FE}garbage = = =", "version = \"two\"", "version = 9",
      "disabled_plugins = 3", "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\nconfig_path = 1",
    ] {
      let facts = ContainerdConfigParser.parseConfig(text, path: "/etc/containerd/config.toml")
      XCTAssertNotNil(facts.parseError, text)
      XCTAssertTrue(facts.parseError?.hasPrefix("/etc/containerd/config.toml") ?? false, facts.parseError ?? "")
    }
  }

  func testHostsTomlMirrorsInFileOrderAndRelativeCA() {
    let file = ContainerdConfigParser.parseHosts(
      """
      server = "https://contoso.azurecr.io"
      ca = "server-ca.crt"

      [host."https://zz-mirror.corp"]
        capabilities = ["pull", "resolve"]
        skip_verify = true
      [host."https://aa-push-only.corp"]
        capabilities = ["push"]
      [host."https://contoso.azurecr.io"]
        capabilities = ["pull", "resolve"]
        ca = ["/etc/containerd/certs.d/contoso.azurecr.io/ca.crt", "other.pem"]
      """, path: "/d/contoso.azurecr.io/hosts.toml", directory: "/d/contoso.azurecr.io")
    XCTAssertNil(file.parseError)
    XCTAssertEqual(
      file.hosts.map(\.url), ["https://zz-mirror.corp", "https://aa-push-only.corp", "https://contoso.azurecr.io"])
    XCTAssertEqual(file.pullHosts.map(\.url), ["https://zz-mirror.corp", "https://contoso.azurecr.io"])
    XCTAssertEqual(file.serverCAFiles, ["/d/contoso.azurecr.io/server-ca.crt"])
    XCTAssertEqual(
      file.hosts[2].caFiles, ["/etc/containerd/certs.d/contoso.azurecr.io/ca.crt", "/d/contoso.azurecr.io/other.pem"])
    XCTAssertTrue(file.hosts[0].skipVerify)
  }

  func testGarbageHostsTomlIsASentence() {
    for text in ["server = [", "server = 3", "[host.\"x\"]\ncapabilities = \"pull\"", "host = 1", "ca = {}"] {
      XCTAssertNotNil(ContainerdConfigParser.parseHosts(text, path: "h", directory: "/d").parseError, text)
    }
  }

  func testRegistriesConfV2AndDropInsReplacing() {
    var facts = ContainersRegistriesFacts()
    ContainersConfigParser.mergeRegistries(
      """
      unqualified-search-registries = ["docker.io"]
      [[registry]]
      prefix = "contoso.azurecr.io"
      location = "contoso.azurecr.io"
      [[registry.mirror]]
      location = "mirror.corp/contoso"
      [[registry]]
      location = "blocked.io"
      blocked = true
      """, path: "/etc/containers/registries.conf", into: &facts)
    ContainersConfigParser.mergeRegistries(
      "[[registry]]\nprefix = \"contoso.azurecr.io\"\nlocation = \"contoso.azurecr.io\"\ninsecure = true\n",
      path: "/etc/containers/registries.conf.d/50-contoso.conf", into: &facts)
    XCTAssertEqual(facts.parseErrors, [])
    XCTAssertEqual(facts.unqualifiedSearch, ["docker.io"])
    let contoso = facts.registry(for: "contoso.azurecr.io")
    XCTAssertEqual(contoso?.insecure, true)
    XCTAssertEqual(contoso?.mirrors, [])
    XCTAssertEqual(contoso?.source, "/etc/containers/registries.conf.d/50-contoso.conf")
    XCTAssertEqual(facts.registry(for: "blocked.io")?.blocked, true)
    XCTAssertNil(facts.registry(for: "ghcr.io"))
  }

  func testGarbageRegistriesConfAndV1AreSentences() {
    for text in ["[[registry]\n", "registry = 4", "[registries.search]\nregistries = ['docker.io']", "\u{0}\u{1}"] {
      var facts = ContainersRegistriesFacts()
      ContainersConfigParser.mergeRegistries(text, path: "r.conf", into: &facts)
      XCTAssertEqual(facts.parseErrors.count, 1, text)
    }
  }

  func testContainersConfEngineEnv() {
    let parsed = ContainersConfigParser.engineEnvironment(
      "[engine]\nenv = [\"https_proxy=http://u:p@proxy.corp:3128\", \"no_proxy=.corp\", \"junk\"]\n", path: "c")
    XCTAssertNil(parsed.error)
    let env = parsed.environment ?? [:]
    XCTAssertEqual(ProxyVariables(environment: env).httpsProxy, "http://u:p@proxy.corp:3128")
    XCTAssertEqual(ProxyVariables(environment: env).redacted.httpsProxy, "http://u:***@proxy.corp:3128")
    XCTAssertNotNil(ContainersConfigParser.engineEnvironment("[engine]\nenv = 3", path: "c").error)
    XCTAssertNotNil(ContainersConfigParser.engineEnvironment("[engine", path: "c").error)
    // No `env`: an earlier file's list stands; `env = []` replaces it with nothing.
    XCTAssertNil(
      ContainersConfigParser.engineEnvironment("[engine]\ncgroup_manager = \"cgroupfs\"\n", path: "c").environment)
    XCTAssertEqual(ContainersConfigParser.engineEnvironment("[engine]\nenv = []\n", path: "c").environment, [:])
  }

  /// What a real podman 4.3.1 did (lab, proxyconnect errors naming the proxy it used), and containers/common
  /// 0.50.1's setupEnv: a variable the shell sets under the same name wins, even empty; the file's upper-case
  /// HTTPS_PROXY beats the shell's lower-case https_proxy because Go reads HTTPS_PROXY first.
  func testPodmanEnvironmentTheShellWinsByExactName() {
    let file = ["https_proxy": "http://conf:1", "NO_PROXY": ".corp"]
    func proxy(_ shell: [String: String], _ engine: [String: String] = file) -> ProxyVariables {
      ProxyVariables(environment: ContainersConfigParser.podmanEnvironment(shell: shell, engine: engine).environment)
    }
    XCTAssertEqual(proxy([:]).httpsProxy, "http://conf:1")
    XCTAssertEqual(proxy(["HTTPS_PROXY": "http://shell:2"]).httpsProxy, "http://shell:2")
    XCTAssertEqual(proxy(["https_proxy": "http://shell:2"]).httpsProxy, "http://shell:2")
    XCTAssertEqual(
      proxy(["https_proxy": "http://shell:2"], ["HTTPS_PROXY": "http://conf:1"]).httpsProxy, "http://conf:1")
    XCTAssertNil(proxy(["HTTPS_PROXY": ""], ["HTTPS_PROXY": "http://conf:1"]).httpsProxy, "an empty shell value wins")
    XCTAssertEqual(proxy(["HTTPS_PROXY": "http://shell:2"]).noProxy, ".corp")
    let merged = ContainersConfigParser.podmanEnvironment(shell: ["https_proxy": "x"], engine: file)
    XCTAssertEqual(merged.fromFile, ["NO_PROXY"])
  }

  func testGoReadsTheLowerCaseNameWhenTheUpperCaseOneIsEmpty() {
    XCTAssertEqual(
      ProxyVariables(environment: ["HTTPS_PROXY": "", "https_proxy": "http://p:3"]).httpsProxy, "http://p:3")
    XCTAssertEqual(
      ProxyVariables(environment: ["HTTPS_PROXY": "http://a:1", "https_proxy": "http://b:2"]).httpsProxy, "http://a:1")
  }

  func testSystemdUnitEnvironmentAndEnvironmentFiles() {
    let lines = ServiceEnvironmentParser.parseUnit(
      """
      [Unit]
      Environment=HTTPS_PROXY=http://ignored:1
      [Service]
      Environment="HTTPS_PROXY=http://proxy.corp:3128" "NO_PROXY=localhost,.svc"
      EnvironmentFile=-/etc/default/containerd
      EnvironmentFile=/etc/sysconfig/proxy
      Environment="BROKEN
      """, path: "/etc/systemd/system/containerd.service.d/http-proxy.conf")
    XCTAssertEqual(lines.assignments["HTTPS_PROXY"], "http://proxy.corp:3128")
    XCTAssertEqual(lines.assignments["NO_PROXY"], "localhost,.svc")
    XCTAssertEqual(lines.environmentFiles.map(\.path), ["/etc/default/containerd", "/etc/sysconfig/proxy"])
    XCTAssertEqual(lines.environmentFiles.map(\.optional), [true, false])
    XCTAssertEqual(lines.errors.count, 1)
    let file = ServiceEnvironmentParser.parseEnvironmentFile(
      "# proxy\nexport HTTPS_PROXY=\"http://p:3128\"\nno_proxy='.corp'\n=bad\n")
    XCTAssertEqual(file, ["HTTPS_PROXY": "http://p:3128", "no_proxy": ".corp"])
  }

  func testProcEnvironAndCmdline() {
    let environ = Array("HTTPS_PROXY=http://p:3128\u{0}PATH=/bin\u{0}=x\u{0}junk\u{0}".utf8)
    XCTAssertEqual(
      ServiceEnvironmentParser.parseProcEnviron(environ), ["HTTPS_PROXY": "http://p:3128", "PATH": "/bin"])
    let args = ServiceEnvironmentParser.parseCmdline(
      Array("/usr/bin/containerd\u{0}--config\u{0}/tmp/c.toml\u{0}".utf8))
    XCTAssertEqual(ServiceEnvironmentParser.option(["--config", "-c"], in: args), "/tmp/c.toml")
    XCTAssertEqual(ServiceEnvironmentParser.option(["--config"], in: ["containerd", "--config=/x"]), "/x")
  }

  func testRestartNeededComparesProxyEndpointsAndNoProxyEntries() {
    var facts = PullerConfigFacts(
      kind: .containerd, location: "unix:///run/containerd/containerd.sock", pid: 42, pulls: true, role: "",
      running: ProxyVariables(), configured: ProxyVariables(httpsProxy: "http://proxy.corp:3128"))
    XCTAssertTrue(facts.restartNeeded)
    facts.running = ProxyVariables(httpsProxy: "http://***@proxy.corp:3128")
    XCTAssertFalse(facts.restartNeeded, "credentials masked differently are the same proxy")
    facts.configured.noProxy = "b, a"
    facts.running?.noProxy = "a,b"
    XCTAssertFalse(facts.restartNeeded)
    facts.running = nil
    XCTAssertFalse(facts.restartNeeded, "unknown running settings never claim a restart")
  }
}

/// containerd's version, from the installed package (dpkg's status file), never by running anything.
final class DpkgStatusTests: XCTestCase {
  func testTheInstalledPackagesVersionIsRead() {
    let status = """
      Package: containerd
      Status: deinstall ok config-files
      Version: 1.4.0

      Package: containerd.io
      Status: install ok installed
      Version: 1.7.27-1

      Package: runc
      Status: install ok installed
      Version: 1.1.5
      """
    XCTAssertEqual(DpkgStatus.installedVersion(of: ["containerd", "containerd.io"], in: status), "1.7.27-1")
    XCTAssertNil(DpkgStatus.installedVersion(of: ["containerd"], in: status), "config-files only is not installed")
    XCTAssertNil(DpkgStatus.installedVersion(of: ["containerd"], in: "garbage\u{0}\n\n\n"))
  }
}
