import XCTest

@testable import DoctorCore

/// Every id has its texts, in both languages, and the runbook says what the article and the contract say.
final class RunbookCoverageTests: XCTestCase {
  func testEverySymptomHasItsSpecInOrder() {
    XCTAssertEqual(Runbook.symptoms.map(\.id), SymptomID.allCases)
    for id in SymptomID.allCases { XCTAssertEqual(Runbook.symptom(id).id, id) }
  }

  func testEveryCauseHasItsSpecInOrder() {
    XCTAssertEqual(Runbook.causes.map(\.id), CauseID.allCases)
    XCTAssertEqual(Runbook.causes.prefix(4).map(\.id.articleNumber), ["C1", "C2", "C3", "C4"])
    for id in CauseID.allCases {
      XCTAssertEqual(Runbook.cause(id).id, id)
      XCTAssertFalse(Runbook.cause(id).checks.isEmpty, "\(id) has no checks")
    }
  }

  func testEveryFindingHasItsSpecWithOneToFourRemedies() {
    for id in FindingID.allCases {
      let spec = Runbook.finding(id)
      XCTAssertEqual(spec.id, id)
      XCTAssertTrue(
        (1...4).contains(spec.remedies.count), "\(id) has \(spec.remedies.count) remedies")
      XCTAssertTrue(spec.remedies.contains { !$0.commands.isEmpty }, "\(id) has no command at all")
    }
  }

  func testFindingsOfACauseAreExactlyThoseOfThatCause() {
    let all = CauseID.allCases.flatMap { Runbook.findings(of: $0).map(\.id) }
    XCTAssertEqual(Set(all), Set(FindingID.allCases))
    XCTAssertEqual(all.count, FindingID.allCases.count)
    XCTAssertEqual(Runbook.findings(of: .none).map(\.id), [.noNetworkProblem])
    XCTAssertEqual(Runbook.findings(of: .registryAuth).map(\.id), [.networkOKCheckAuthentication])
  }

  func testEveryTextIsPresentInBothLanguagesAndTheJapaneseIsJapanese() {
    let texts = RunbookTexts.all
    XCTAssertGreaterThan(texts.count, 150)
    for (place, text) in texts {
      XCTAssertFalse(
        text.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(place): empty English")
      XCTAssertFalse(
        text.ja.trimmingCharacters(in: .whitespaces).isEmpty, "\(place): empty Japanese")
      XCTAssertNotEqual(text.en, text.ja, "\(place): Japanese equals English")
      XCTAssertTrue(containsJapanese(text.ja), "\(place): no Japanese characters in \(text.ja)")
      XCTAssertFalse(
        containsJapanese(text.en), "\(place): Japanese characters in the English \(text.en)")
      XCTAssertEqual(text(.ja), text.ja)
    }
  }

  func testJapaneseReusesTheArticlesWording() {
    XCTAssertEqual(
      Runbook.cause(.clientFirewallOrProxy).title.ja, "クライアントのファイアウォールまたはプロキシによってアクセスが妨げられている")
    XCTAssertTrue(Runbook.cause(.clientFirewallOrProxy).advice.ja.contains("必ずデーモンを再起動してください"))
    XCTAssertTrue(Runbook.cause(.registryPublicAccessRules).advice.ja.contains("IP ネットワーク規則は"))
    XCTAssertTrue(
      Runbook.cause(.vnetPrivateEndpointConfig).advice.ja.contains(
        "Azure Bastion エンドポイントはサポートされていません"))
    XCTAssertTrue(Runbook.cause(.serviceIntegrationRestricted).advice.ja.contains("2021 年 1 月以降"))
    XCTAssertTrue(Runbook.cause(.registryAuth).advice.ja.contains("レジストリ ログインのトラブルシューティング"))
    XCTAssertEqual(Runbook.symptom(.s9).title.ja, "ACR タスクによるイメージのプッシュまたはプルができない")
  }

  func testCauseAdviceCarriesTheArticlesKeyPoints() {
    let c1 = Runbook.cause(.clientFirewallOrProxy).advice.en
    for phrase in [
      "<registryname>.azurecr.io", "<registry-name>.<region>.data.azurecr.io", "geo-replicated",
      "Docker daemon", "restart the daemon", "ContainerRegistryLoginEvents",
    ] {
      XCTAssertTrue(c1.contains(phrase), "R1 lacks \(phrase)")
    }
    let c3 = Runbook.cause(.vnetPrivateEndpointConfig).advice.en
    for phrase in [
      "--vnet", "dig", "nslookup", "each of the data endpoint FQDNs", "NSG",
      "Microsoft.ContainerRegistry",
      "Azure Firewall", "Azure Bastion",
    ] {
      XCTAssertTrue(c3.contains(phrase), "R3 lacks \(phrase)")
    }
    XCTAssertTrue(
      Runbook.cause(.registryAuth).advice.en.contains("authentication or authorization"))
  }

  func testSymptomsCarryTheArticlesErrorTextsAndCauses() {
    let expectedErrors: [SymptomID: [String]] = [
      .s1: ["dial tcp: lookup myregistry.azurecr.io"],
      .s2: ["Client.Timeout exceeded while awaiting headers"],
      .s3: ["Could not connect to the registry login server"],
      .s5: [
        "Error response from daemon: login attempt failed with status: 403 Forbidden",
        "Error response from daemon: Get <registry>: proxyconnect tcp: EOF Login failed",
      ],
      .s6: ["Failed to save firewall and virtual network settings for container registry"],
      .s11: ["host is not reachable"],
    ]
    for id in SymptomID.allCases {
      XCTAssertEqual(Runbook.symptom(id).errorTexts, expectedErrors[id] ?? [], "\(id)")
      for error in expectedErrors[id] ?? [] {
        XCTAssertTrue(
          Runbook.symptom(id).title.en.contains(error) || id == .s5, "\(id) title lacks its error")
      }
    }
    let c1 = CauseID.clientFirewallOrProxy
    let c2 = CauseID.registryPublicAccessRules
    let c3 = CauseID.vnetPrivateEndpointConfig
    let c4 = CauseID.serviceIntegrationRestricted
    let expectedCauses: [SymptomID: [CauseID]] = [
      .s1: [c1, c3], .s2: [c1, c2, c3], .s3: [c1, c2, c3], .s4: [c3, c4], .s5: [c1], .s6: [c3, c2],
      .s7: [c3, c2],
      .s8: [c3, c2], .s9: [c4, c2], .s10: [c4], .s11: [c3],
    ]
    for id in SymptomID.allCases {
      XCTAssertEqual(Runbook.symptom(id).likelyCauses, expectedCauses[id], "\(id)")
    }
  }

  func testSeveritiesFollowTheBrief() {
    let notErrors: [FindingID: Severity] = [
      .tlsInterception: .warning, .dockerDaemonProxyMismatch: .warning,
      .networkOKCheckAuthentication: .info, .noNetworkProblem: .info,
      // A pull still works: it slows (Happy Eyeballs), or one tool's answer differs from the puller's.
      .ipv6PathBroken: .warning, .systemResolverDisagrees: .warning,
      // The puller falls back from a dead mirror to the registry: the registry's own path decides the pull.
      .registryMirrorUnreachable: .warning,
    ]
    for id in FindingID.allCases {
      XCTAssertEqual(Runbook.finding(id).severity, notErrors[id] ?? .error, "\(id)")
    }
  }

  func testFurtherDiagnosisHasTheArticlesFourSections() {
    let commands = Runbook.furtherDiagnosis.flatMap(\.commands).joined(separator: "\n")
    for needle in [
      "az acr check-health --name {registry}", "az aks check-acr", "az acr login --name {registry}",
      "ContainerRegistryLoginEvents",
    ] {
      XCTAssertTrue(commands.contains(needle), "further diagnosis lacks \(needle)")
    }
    XCTAssertTrue(Runbook.furtherDiagnosis[2].steps.en.contains("Troubleshoot registry login"))
    XCTAssertTrue(Runbook.furtherDiagnosis[3].steps.en.contains("ContainerRegistryLoginEvents"))
  }

  func testAzureSideSymptomsHaveAdviceAndTheOthersNone() {
    let azureSide: Set<SymptomID> = [.s4, .s6, .s7, .s8, .s9, .s10]
    let expectedCommand: [SymptomID: String] = [
      .s4:
        "az aks check-acr --resource-group <aks-resource-group> --name <aks-cluster> --acr {loginServer}",
      .s6: "az provider show --namespace Microsoft.ContainerRegistry",
      .s7: "az acr network-rule list --name {registry}",
      .s8: "az provider register --namespace Microsoft.ContainerRegistry",
      .s9: "az acr task logs --registry {registry}",
      .s10: "az acr show --name {registry} --query networkRuleBypassOptions",
    ]
    for id in SymptomID.allCases {
      let advice = Runbook.symptomAdvice(id)
      XCTAssertEqual(!advice.isEmpty, azureSide.contains(id), "\(id)")
      guard let needle = expectedCommand[id] else { continue }
      let commands = advice.flatMap(\.commands)
      XCTAssertTrue(commands.contains { $0.contains(needle) }, "\(id) lacks \(needle)")
      XCTAssertTrue(
        commands.contains { $0.contains("ContainerRegistryLoginEvents") },
        "\(id) lacks the KQL path")
    }
  }

  func testCommandsThatChangeThingsAreMarked() {
    let mutating = [
      "network-rule add", "provider register", "az acr update", "systemctl restart", "add-record",
      " create ",
      "update-ca-certificates", "sudoedit", "sudo tee", " approve ", " assign ",
      "az resource update",
    ]
    for (place, remedy) in RunbookTexts.allRemedies {
      for command in remedy.commands where mutating.contains(where: command.contains) {
        XCTAssertTrue(
          remedy.changesSomething, "\(place): \(command) changes something but is not marked")
      }
    }
  }

  private func containsJapanese(_ text: String) -> Bool {
    text.unicodeScalars.contains { scalar in
      (0x3040...0x30FF).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
    }
  }
}

/// Every localized text and remedy of the runbook with a name for failure messages.
enum RunbookTexts {
  static var allRemedies: [(String, RemedySpec)] {
    var list: [(String, RemedySpec)] = []
    for spec in FindingID.allCases.map(Runbook.finding) {
      list += spec.remedies.enumerated().map {
        ("\(spec.id.rawValue) remedy \($0.offset)", $0.element)
      }
    }
    list += Runbook.furtherDiagnosis.enumerated().map {
      ("further diagnosis \($0.offset)", $0.element)
    }
    for id in SymptomID.allCases {
      list += Runbook.symptomAdvice(id).enumerated().map {
        ("\(id.rawValue) advice \($0.offset)", $0.element)
      }
    }
    return list
  }

  static var all: [(String, LocalizedText)] {
    var list: [(String, LocalizedText)] = []
    list += Runbook.symptoms.map { ("\($0.id.rawValue) title", $0.title) }
    for cause in Runbook.causes {
      list += [
        ("\(cause.id.rawValue) title", cause.title), ("\(cause.id.rawValue) advice", cause.advice),
      ]
    }
    for spec in FindingID.allCases.map(Runbook.finding) {
      list += [("\(spec.id.rawValue) title", spec.title), ("\(spec.id.rawValue) why", spec.why)]
    }
    for (place, remedy) in allRemedies {
      list += [("\(place) title", remedy.title), ("\(place) steps", remedy.steps)]
    }
    return list
  }

  /// Every template string: commands, checks, and the prose (which may use placeholders too).
  static var allTemplates: [(String, String)] {
    var list: [(String, String)] = []
    for (place, remedy) in allRemedies {
      list += remedy.commands.map { (place, $0) }
    }
    for cause in Runbook.causes { list += cause.checks.map { ("\(cause.id.rawValue) checks", $0) } }
    list += all.flatMap { place, text in [(place, text.en), (place, text.ja)] }
    return list
  }
}
