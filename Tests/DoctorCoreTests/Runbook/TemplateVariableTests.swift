import XCTest

@testable import DoctorCore

/// Every `{name}` a template uses is a `TemplateVariable`, and every filler fills it the same, shell-safe way.
final class TemplateVariableTests: XCTestCase {
  func testEveryPlaceholderOfEveryTemplateIsAKnownVariable() {
    var templates = RunbookTexts.allTemplates
    // Shared remedies count wherever a finding uses them; the Azure questions' commands are templates too.
    templates += AzureQuestionID.allCases.map { ("azure question \($0)", AzureQuestions.commandTemplate($0)) }
    for (place, template) in templates {
      for name in Runbook.placeholders(in: template) {
        let variable = TemplateVariable(rawValue: name)
        XCTAssertNotNil(variable, "\(place): {\(name)} is no TemplateVariable in \(template)")
        XCTAssertEqual(variable?.inRunbook, true, "\(place): {\(name)} is explain's own, in \(template)")
      }
    }
  }

  func testTheRunbooksNamesAreTheVariablesItMayUse() {
    XCTAssertEqual(
      Runbook.placeholderNames, Set(TemplateVariable.allCases.filter(\.inRunbook).map(\.rawValue)))
    XCTAssertEqual(Set(TemplateVariable.allCases.map(\.rawValue)).count, TemplateVariable.allCases.count)
  }

  /// The values a diagnosis, the wizard and `explain` give all pass through `Runbook.shellSafe` before `fill`:
  /// one unsafe value, and no filler shows it or a command needing it.
  func testEveryFillerDropsAValueUnsafeOnAShellLine() {
    let hostile: [TemplateVariable: String] = [
      .registry: "contoso", .host: "contoso.azurecr.io; reboot", .loginServer: "$(reboot)", .port: "443",
    ]
    let checks = Runbook.cause(.clientFirewallOrProxy).checks
    let fromFinding = Runbook.remedies(for: .tlsHandshakeFailed, vars: hostile, language: .en).flatMap(\.commands)
    let fromSpecs = Runbook.remedies(from: Runbook.furtherDiagnosis, vars: hostile, language: .en)
      .flatMap(\.commands)
    let fromChecks = Runbook.checks(of: .clientFirewallOrProxy, vars: hostile)
    let fromCommands = Runbook.fillCommands(checks, vars: hostile)
    for (filler, commands) in [
      ("finding remedies", fromFinding), ("remedy specs", fromSpecs), ("checks", fromChecks),
      ("commands", fromCommands),
    ] {
      XCTAssertFalse(commands.contains { $0.contains("reboot") }, "\(filler): \(commands)")
      XCTAssertFalse(commands.contains { $0.contains("{") }, "\(filler) left a placeholder: \(commands)")
    }
    XCTAssertEqual(fromChecks, fromCommands, "a cause's checks are filled as any command is")
    XCTAssertEqual(
      Runbook.fillForReading("allow {host}", vars: Runbook.shellSafe(hostile)), "allow <host>",
      "prose reads the same safe values")
  }

  func testAVariableIsFilledByItsName() {
    XCTAssertEqual(
      Runbook.fill("nc -vz {address} {port}", [.address: "10.1.2.3", .port: "443"]), "nc -vz 10.1.2.3 443")
    XCTAssertNil(Runbook.fill("{notAVariable}", [.host: "x"]))
  }

  /// A registry given as an IP address has no name to look up: `getent hosts 127.0.0.1` is left out of the
  /// remedies, a name keeps it.
  func testNameLookupCommandsAreLeftOutForAnIPLiteral() {
    func commands(_ host: String) -> [String] {
      Runbook.remedies(for: .tcpConnectRefused, vars: [.host: host, .port: "5000", .address: host], language: .en)
        .flatMap(\.commands)
    }
    for ip in ["127.0.0.1", "::1", "[::1]"] {
      XCTAssertFalse(commands(ip).contains { $0.hasPrefix("getent") || $0.hasPrefix("dig") }, "\(commands(ip))")
      XCTAssertTrue(commands(ip).contains { $0.hasPrefix("nc -vz") }, "\(commands(ip))")
    }
    let named = commands("registry.example.com")
    XCTAssertTrue(named.contains("getent hosts registry.example.com"), "\(named)")
    XCTAssertTrue(named.contains("dig +short registry.example.com"), "\(named)")
  }
}
