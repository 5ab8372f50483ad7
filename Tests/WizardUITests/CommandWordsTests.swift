import XCTest

@testable import WizardUI

/// The splitter turns a runbook line into argv the way a shell would, and refuses what only a shell could run.
final class CommandWordsTests: XCTestCase {
  func testSplitsLikeAShell() {
    XCTAssertEqual(
      try CommandWords.split(
        "az acr show --name contoso --query \"[publicNetworkAccess, networkRuleBypassOptions]\" -o tsv"
      ).get(),
      [
        "az", "acr", "show", "--name", "contoso", "--query", "[publicNetworkAccess, networkRuleBypassOptions]", "-o",
        "tsv",
      ])
    XCTAssertEqual(try CommandWords.split("echo 'a b'  c\td").get(), ["echo", "a b", "c", "d"])
    XCTAssertEqual(try CommandWords.split("echo 'a | b; c > d' \"e & f\"").get(), ["echo", "a | b; c > d", "e & f"])
    XCTAssertEqual(try CommandWords.split("echo pre'fix'\"ed\" a#b").get(), ["echo", "prefixed", "a#b"])
    XCTAssertEqual(try CommandWords.split("echo ''").get(), ["echo", ""])
  }

  func testRefusesHostileRows() {
    let rows: [(String, CommandRefusal)] = [
      ("", .empty),
      ("   ", .empty),
      ("az acr show --name x; rm -rf /", .multipleCommands),
      ("az acr show --name x | tee /tmp/out", .multipleCommands),
      ("true && rm -rf ~", .multipleCommands),
      ("false || reboot", .multipleCommands),
      ("sleep 100 &", .multipleCommands),
      ("(cd / && ls)", .multipleCommands),
      ("echo hi # and a comment", .multipleCommands),
      ("cat /etc/shadow > /tmp/x", .redirection),
      ("sh < /tmp/script", .redirection),
      ("echo $(id)", .expansion),
      ("echo `id`", .expansion),
      ("echo \"$HOME\"", .expansion),
      ("echo ${PATH}", .expansion),
      ("echo a\\ b", .expansion),
      ("echo \"unterminated", .unbalancedQuote),
      ("echo 'unterminated", .unbalancedQuote),
      ("echo a\nrm -rf /", .controlCharacter),
      ("echo \u{1b}[2J", .controlCharacter),
      ("kubectl describe pod <pod-name> --namespace <namespace>", .placeholder),
      ("HTTPS_PROXY=http://evil az acr login -n x", .environmentAssignment),
      ("sudo systemctl restart docker", .sudo),
      ("/usr/bin/sudo tee /etc/docker/daemon.json", .sudo),
      (String(repeating: "a", count: 5000), .tooLong),
    ]
    for (line, refusal) in rows {
      XCTAssertEqual(CommandWords.split(line), .failure(refusal), line)
    }
  }

  func testTheRunbooksShellLinesAreRefused() {
    // The login events query builds its argument with $( ) and needs a workspace id filled in.
    XCTAssertEqual(
      CommandWords.split(
        "az monitor diagnostic-settings list --resource $(az acr show --name contoso --query id -o tsv) -o table"),
      .failure(.expansion))
    XCTAssertEqual(
      CommandWords.split("az monitor log-analytics query --workspace <workspace-guid> --analytics-query \"x | y\""),
      .failure(.placeholder))
  }
}
