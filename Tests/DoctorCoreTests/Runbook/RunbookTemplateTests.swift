import XCTest

@testable import DoctorCore

/// Placeholders, `fill`, and the filled remedies a report shows.
final class RunbookTemplateTests: XCTestCase {
  private let contoso: [TemplateVariable: String] = [
    "registry": "contoso", "loginServer": "contoso.azurecr.io", "host": "contoso.azurecr.io",
    "region": "japaneast",
    "clientIP": "203.0.113.7", "proxy": "http://user:***@proxy.example:3128",
    "dataEndpoint": "contoso.japaneast.data.azurecr.io", "address": "10.1.2.3", "port": "443",
    "hostPort": "contoso.azurecr.io", "puller": "containerd",
  ]

  func testEveryPlaceholderUsedIsAKnownName() {
    XCTAssertEqual(
      Runbook.placeholderNames,
      [
        "registry", "loginServer", "host", "port", "hostPort", "region", "clientIP", "proxy", "dataEndpoint", "address",
        "puller", "hostName",
      ])
    var used = Set<String>()
    for (place, template) in RunbookTexts.allTemplates {
      for name in Runbook.placeholders(in: template) {
        XCTAssertTrue(
          Runbook.placeholderNames.contains(name),
          "\(place): unknown placeholder {\(name)} in \(template)")
        used.insert(name)
      }
    }
    XCTAssertEqual(used, Runbook.placeholderNames, "a listed placeholder is never used")
  }

  func testEveryCommandFillsCompletelyWithAllValues() {
    for (place, remedy) in RunbookTexts.allRemedies {
      for command in remedy.commands {
        let filled = Runbook.fill(command, contoso)
        XCTAssertNotNil(filled, "\(place): \(command)")
        XCTAssertFalse(filled?.contains("{registry}") ?? true, "\(place)")
      }
    }
  }

  func testFillReplacesEveryOccurrence() {
    XCTAssertEqual(
      Runbook.fill(
        "openssl s_client -connect {host}:443 -servername {host}", ["host": "contoso.azurecr.io"]),
      "openssl s_client -connect contoso.azurecr.io:443 -servername contoso.azurecr.io")
    XCTAssertEqual(Runbook.fill("no placeholders", [:]), "no placeholders")
    XCTAssertEqual(Runbook.fill("", [:]), "")
  }

  func testFillReturnsNilWhenAValueIsMissingOrEmpty() {
    XCTAssertNil(
      Runbook.fill(
        "az acr network-rule add --name {registry} --ip-address {clientIP}", ["registry": "c"]))
    XCTAssertNil(Runbook.fill("nc -vz {host} 443", ["host": ""]))
    XCTAssertNil(Runbook.fill("{unknown}", contoso))
  }

  func testFillDoesNotExpandValuesAgain() {
    XCTAssertEqual(
      Runbook.fill("dig {host}", ["host": "{registry}", "registry": "x"]), "dig {registry}")
  }

  func testBracesThatAreNotPlaceholdersStayLiteral() {
    let goTemplate = "docker version --format '{{.Server.Version}}'"
    XCTAssertEqual(Runbook.fill(goTemplate, [:]), goTemplate)
    let json = "{\"proxies\": {\"https-proxy\": \"{proxy}\"}}"
    XCTAssertEqual(
      Runbook.fill(json, ["proxy": "http://p:3128"]),
      "{\"proxies\": {\"https-proxy\": \"http://p:3128\"}}")
    XCTAssertEqual(
      Runbook.fill("curl -w '%{time_connect}' {x", [:]), "curl -w '%{time_connect}' {x")
    XCTAssertEqual(Runbook.placeholders(in: "{a1}{ b}{}{host}{"), ["a1", "host"])
  }

  func testRemediesFillCommandsAndDropThoseLackingValues() {
    let remedies = Runbook.remedies(
      for: .registryFirewallDeniesClientIP, vars: ["registry": "contoso"], language: .en)
    XCTAssertEqual(remedies.count, Runbook.finding(.registryFirewallDeniesClientIP).remedies.count)
    let first = remedies[0]
    XCTAssertTrue(first.changesSomething)
    XCTAssertEqual(first.commands, [], "the network-rule add command needs {clientIP}")
    XCTAssertTrue(
      first.steps.contains("<clientIP>"), "prose keeps the missing value readable: \(first.steps)")
    XCTAssertEqual(
      remedies[1].commands.first, "az acr network-rule list --name contoso --query ipRules -o table"
    )

    let full = Runbook.remedies(for: .registryFirewallDeniesClientIP, vars: contoso, language: .en)
    XCTAssertEqual(
      full[0].commands, ["az acr network-rule add --name contoso --ip-address 203.0.113.7"])
    XCTAssertTrue(full[0].steps.contains("203.0.113.7"))
  }

  func testRemediesSpeakTheChosenLanguage() {
    let en = Runbook.remedies(for: .loginServerDNSFailure, vars: contoso, language: .en)
    let ja = Runbook.remedies(for: .loginServerDNSFailure, vars: contoso, language: .ja)
    XCTAssertEqual(en.map(\.commands), ja.map(\.commands))
    XCTAssertEqual(
      ja.map(\.title), Runbook.finding(.loginServerDNSFailure).remedies.map { $0.title.ja })
    XCTAssertTrue(en[0].commands.contains("dig +short contoso.azurecr.io"))
  }

  func testValuesThatCouldBreakAShellLineAreDropped() {
    var hostile = contoso
    hostile["host"] = "contoso.azurecr.io; rm -rf ~"
    hostile["registry"] = "contoso$(id)"
    let remedies = Runbook.remedies(for: .tcpConnectTimeout, vars: hostile, language: .en)
    let commands = remedies.flatMap(\.commands)
    XCTAssertFalse(
      commands.contains { $0.contains("rm -rf") || $0.contains("$(id)") }, "\(commands)")
    XCTAssertTrue(commands.contains("env | grep -i _proxy"), "commands without those values remain")
    XCTAssertFalse(remedies.map(\.steps).joined().contains("rm -rf"))
    XCTAssertTrue(Runbook.isShellSafe("http://user:***@[2001:db8::1]:3128"))
    XCTAssertFalse(Runbook.isShellSafe("a\nb"))
    XCTAssertFalse(Runbook.isShellSafe("a'b"))
  }

  func testCauseChecksAreFilledAndIncompleteOnesDropped() {
    let checks = Runbook.checks(
      of: .vnetPrivateEndpointConfig, vars: ["loginServer": "contoso.azurecr.io"])
    XCTAssertEqual(
      checks,
      [
        "dig +noall +answer contoso.azurecr.io", "nslookup contoso.azurecr.io",
        "az network private-dns zone list -o table",
      ])
    XCTAssertEqual(
      Runbook.checks(of: .none, vars: contoso).count, Runbook.cause(.none).checks.count)
  }

  func testTheDaemonProxyRemedyWritesTheDropIn() {
    let remedies = Runbook.remedies(for: .dockerDaemonProxyMissing, vars: contoso, language: .en)
    let commands = remedies.flatMap(\.commands)
    XCTAssertTrue(
      commands.contains {
        $0.contains("HTTPS_PROXY=http://user:***@proxy.example:3128")
          && $0.contains("http-proxy.conf")
      })
    XCTAssertTrue(
      commands.contains("sudo systemctl daemon-reload && sudo systemctl restart docker"))
    XCTAssertTrue(commands.contains("docker info | grep -i proxy"))
    XCTAssertTrue(
      remedies[1].steps.contains("\"https-proxy\": \"http://user:***@proxy.example:3128\""))
    XCTAssertTrue(remedies[0].steps.lowercased().contains("restart the daemon"))
  }

  func testEachFindingCarriesItsKeyCommands() {
    let expected: [FindingID: [String]] = [
      .registryFirewallDeniesClientIP: [
        "az acr network-rule add --name {registry} --ip-address {clientIP}"
      ],
      .loginServerDNSFailure: [
        "getent hosts {host}", "dig +short {host}", "nslookup {host}", "resolvectl status",
      ],
      .privateEndpointDNSPublicIP: [
        "az network private-dns link vnet create", "--vnet <vnet-name-or-id>", "dig",
      ],
      .proxyConnectDenied: ["curl -v --max-time 10 -x '{proxy}' https://{hostPort}/v2/"],
      .tcpConnectTimeout: ["nc -vz -w 5 {host} {port}", "curl -v --max-time 10 https://{hostPort}/v2/"],
      .tlsHandshakeFailed: ["openssl s_client -connect {host}:{port} -servername {host} -showcerts"],
      .tlsInterception: ["update-ca-certificates", "sudo systemctl restart docker"],
      .dataEndpointUnreachable: ["az acr show-endpoints --name {registry}", "{dataEndpoint}"],
      .publicNetworkAccessDisabled: [
        "az acr update --name {registry} --public-network-enabled true"
      ],
      .privateEndpointUnreachable: [
        "az network nic show-effective-route-table", "az network nsg rule list",
      ],
      .resourceProviderNotRegistered: [
        "az provider register --namespace Microsoft.ContainerRegistry"
      ],
      .trustedServicesNotAllowed: ["az acr update --name {registry} --allow-trusted-services true"],
      .networkOKCheckAuthentication: [
        "az acr login --name {registry}", "docker login {loginServer}",
        "az acr check-health --name {registry} --ignore-errors --yes",
        "ContainerRegistryLoginEvents",
      ],
      .hostsFileOverride: ["/etc/hosts"],
      .dockerDaemonConfigInvalid: ["/etc/docker/daemon.json", "systemctl cat docker"],
    ]
    for (id, needles) in expected {
      let commands = Runbook.finding(id).remedies.flatMap(\.commands).joined(separator: "\n")
      for needle in needles {
        XCTAssertTrue(commands.contains(needle), "\(id.rawValue) lacks \(needle)")
      }
    }
  }
}
