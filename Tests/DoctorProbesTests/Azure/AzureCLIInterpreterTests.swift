import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// The interpreter on hand-made outputs: the odd shapes a recorded scenario does not cover.
final class AzureCLIInterpreterTests: XCTestCase {
  let account = #"{"id": "0000-1111", "name": "Dev", "state": "Enabled"}"#
  let registry =
    #"{"loginServer": "contoso.azurecr.io", "publicNetworkAccess": "Enabled", "networkRuleSet": null}"#

  func ok(_ json: String) -> CommandOutput {
    CommandOutput(ending: .exited(0), stdout: Data(json.utf8), stderr: "")
  }
  func failed(_ code: Int32, _ stderr: String) -> CommandOutput {
    CommandOutput(ending: .exited(code), stdout: Data(), stderr: stderr)
  }

  func facts(
    acrShow: CommandOutput? = nil, endpoints: CommandOutput? = nil, replicas: CommandOutput? = nil,
    provider: CommandOutput? = nil, accountShow: CommandOutput? = nil
  ) -> AzureFacts {
    AzureCLIInterpreter.facts(
      from: [
        .accountShow: accountShow ?? ok(account), .acrShow: acrShow ?? ok(registry),
        .showEndpoints: endpoints
          ?? ok(#"{"dataEndpoints": [], "loginServer": "contoso.azurecr.io"}"#),
        .replicationList: replicas ?? ok("[]"), .providerShow: provider ?? ok(#""Registered""#),
      ], cancelled: false)
  }

  func testNullNetworkRuleSetMeansNoRules() {
    let f = facts()
    XCTAssertEqual(f.state, .ok)
    XCTAssertNil(f.defaultAction)
    XCTAssertEqual(f.ipRules, [])
  }

  func testRESTSpellingOfIPRuleIsAccepted() {
    let f = facts(
      acrShow: ok(
        #"{"loginServer": "c.azurecr.io", "networkRuleSet": {"defaultAction": "Deny", "ipRules": [{"action": "Allow", "value": "192.0.2.0/24"}]}}"#
      ))
    XCTAssertEqual(f.state, .ok, f.error ?? "")
    XCTAssertEqual(f.ipRules, ["192.0.2.0/24"])
  }

  func testWrongTypesFailWithTheFieldNamed() {
    let cases: [(String, String)] = [
      (#"[]"#, "az acr show: expected a JSON object, got '[]'"),
      (#"{"publicNetworkAccess": "Enabled"}"#, "az acr show: no valid loginServer in the output"),
      (
        #"{"loginServer": "bad host; rm -rf /"}"#, "az acr show: no valid loginServer in the output"
      ),
      (
        #"{"loginServer": "c.azurecr.io", "networkRuleSet": {"ipRules": "198.51.100.0/24"}}"#,
        "az acr show: ipRules is not an array"
      ),
      (
        #"{"loginServer": "c.azurecr.io", "networkRuleSet": {"ipRules": [{"action": "Allow"}]}}"#,
        "az acr show: networkRuleSet.ipRules[0] has no ipAddressOrRange"
      ),
      (
        #"{"loginServer": "c.azurecr.io", "dataEndpointEnabled": 1}"#,
        "az acr show: dataEndpointEnabled is not true or false"
      ),
      (
        #"{"loginServer": "c.azurecr.io", "privateEndpointConnections": {}}"#,
        "az acr show: privateEndpointConnections is not an array"
      ),
      (
        #"{"loginServer": "c.azurecr.io", "dataEndpointHostNames": ["a b"]}"#,
        "az acr show: dataEndpointHostNames has an invalid host name 'a b'"
      ),
      ("", "az acr show printed something that is not JSON: (empty output)"),
    ]
    for (json, message) in cases {
      let f = facts(acrShow: ok(json))
      XCTAssertEqual(f.state, .failed, json)
      XCTAssertEqual(f.error, message, json)
    }
  }

  func testGarbageFromAnAuxiliaryCallAlsoFails() {
    XCTAssertEqual(
      facts(provider: ok(#"{"registrationState": "Registered"}"#)).error,
      "az provider show: expected a JSON string (registrationState)")
    XCTAssertEqual(
      facts(replicas: ok(#"[{"name": "x"}]"#)).error,
      "az acr replication list: replication 0 has no location")
    XCTAssertEqual(
      facts(endpoints: ok(#"{"dataEndpoints": [{"endpoint": "$(reboot)"}]}"#)).error,
      "az acr show-endpoints: dataEndpoints[0] is not a host name: '$(reboot)'")
  }

  func testAuxiliaryFailuresAreNotedNotFatal() {
    let f = facts(
      provider: failed(
        1,
        "ERROR: (AuthorizationFailed) The client 'alice@contoso.com' does not have authorization\n")
    )
    XCTAssertEqual(f.state, .ok)
    XCTAssertNil(f.providerRegistrationState)
    XCTAssertEqual(
      f.error,
      "az provider show failed (exit 1): (AuthorizationFailed) The client 'alice@contoso.com' does not have authorization"
    )
  }

  func testDataEndpointsFallBackToHostNamesWhenShowEndpointsFails() {
    let f = facts(
      acrShow: ok(
        #"{"loginServer": "c.azurecr.io", "dataEndpointEnabled": true, "dataEndpointHostNames": ["c.eastus.data.azurecr.io"]}"#
      ),
      endpoints: failed(1, "ERROR: something else\n"))
    XCTAssertEqual(f.state, .ok)
    XCTAssertEqual(f.dataEndpoints, ["c.eastus.data.azurecr.io"])
  }

  func testExpiredTokenCountsAsNotLoggedIn() {
    let stderr =
      "ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nTo re-authenticate, please run:\naz login --scope https://management.core.windows.net//.default\n"
    let f = facts(acrShow: failed(1, stderr))
    XCTAssertEqual(f.state, .notLoggedIn)
    XCTAssertEqual(
      f.error, "az acr show: AADSTS700082: The refresh token has expired due to inactivity.")
  }

  func testOtherAcrShowFailureIsReportedRedacted() {
    let f = facts(
      acrShow: failed(
        1, "ERROR: HTTPSConnectionPool: proxy http://bob:hunter2@proxy.corp:3128 refused\n"))
    XCTAssertEqual(f.state, .failed)
    XCTAssertEqual(
      f.error,
      "az acr show failed (exit 1): HTTPSConnectionPool: proxy http://bob:***@proxy.corp:3128 refused"
    )
  }

  func testNotFoundUsesTheSubscriptionFromAccountShowWhenTheMessageHasNone() {
    let f = facts(
      acrShow: failed(
        3,
        "ERROR: (ResourceNotFound) The Resource 'Microsoft.ContainerRegistry/registries/contoso' under resource group 'rg' was not found.\n"
      ))
    XCTAssertEqual(f.error, "registry not found in subscription Dev (0000-1111)")
  }

  func testLaunchFailureAndCancellation() {
    let launch = AzureCLIInterpreter.facts(
      from: [
        .accountShow: CommandOutput(
          ending: .launchFailed("permission denied"), stdout: Data(), stderr: "")
      ],
      cancelled: false)
    XCTAssertEqual(launch.state, .failed)
    XCTAssertEqual(launch.error, "az account show: permission denied")

    let cancelled = AzureCLIInterpreter.facts(
      from: [
        .accountShow: ok(account),
        .acrShow: CommandOutput(ending: .timedOut, stdout: Data(), stderr: ""),
      ],
      cancelled: true)
    XCTAssertEqual(cancelled.state, .timeout)
    XCTAssertEqual(
      cancelled.error, "az acr show stopped because the diagnosis was cancelled; killed")
  }

  func testFindExecutableSkipsRelativeAndEmptyEntries() {
    XCTAssertNil(AzureProbe.findExecutable("sh", searchPath: "::bin:."))
    XCTAssertEqual(AzureProbe.findExecutable("sh", searchPath: "/nonexistent::/bin"), "/bin/sh")
    XCTAssertNil(
      AzureProbe.findExecutable("bin", searchPath: "/"), "a directory is not an executable")
  }
}
