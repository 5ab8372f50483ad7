import XCTest

@testable import DoctorCore

/// The cause of every finding equals the table in /work/shared/design/CONTRACT.md (copied here as data, so a change
/// on either side shows up as a failing test rather than a silent drift).
final class RunbookMappingTests: XCTestCase {
  private static let contractTable: [(finding: String, cause: String)] = [
    ("dns-server-unreachable", "client-firewall-or-proxy"),
    ("login-server-dns-failure", "client-firewall-or-proxy"),
    ("hosts-file-override", "client-firewall-or-proxy"),
    ("tcp-connect-timeout", "client-firewall-or-proxy"),
    ("tcp-connect-refused", "client-firewall-or-proxy"),
    ("tls-handshake-failed", "client-firewall-or-proxy"),
    ("tls-interception", "client-firewall-or-proxy"),
    ("registry-not-responding", "client-firewall-or-proxy"),
    ("proxy-unreachable", "client-firewall-or-proxy"),
    ("proxy-connect-denied", "client-firewall-or-proxy"),
    ("proxy-connection-closed", "client-firewall-or-proxy"),
    ("proxy-scheme-mismatch", "client-firewall-or-proxy"),
    ("no-proxy-bypasses-proxy", "client-firewall-or-proxy"),
    ("docker-daemon-proxy-missing", "client-firewall-or-proxy"),
    ("docker-daemon-proxy-mismatch", "client-firewall-or-proxy"),
    ("docker-daemon-proxy-fails", "client-firewall-or-proxy"),
    ("puller-untrusted-certificate", "client-firewall-or-proxy"),
    ("containerd-proxy-missing", "client-firewall-or-proxy"),
    ("containerd-proxy-mismatch", "client-firewall-or-proxy"),
    ("puller-restart-needed", "client-firewall-or-proxy"),
    ("data-endpoint-unreachable", "client-firewall-or-proxy"),
    ("blob-host-unreachable", "client-firewall-or-proxy"),
    ("blob-host-dns-failure", "client-firewall-or-proxy"),
    ("registry-mirror-unreachable", "client-firewall-or-proxy"),
    ("registry-server-error", "registry-service"),
    ("registry-firewall-denies-client-ip", "registry-public-access-rules"),
    ("public-network-access-disabled", "registry-public-access-rules"),
    ("private-endpoint-dns-public-ip", "vnet-private-endpoint-config"),
    ("private-endpoint-dns-missing-record", "vnet-private-endpoint-config"),
    ("private-endpoint-unreachable", "vnet-private-endpoint-config"),
    ("data-endpoint-dns-failure", "vnet-private-endpoint-config"),
    ("data-endpoint-dns-not-private", "vnet-private-endpoint-config"),
    ("resource-provider-not-registered", "vnet-private-endpoint-config"),
    ("trusted-services-not-allowed", "service-integration-restricted"),
    ("service-cannot-reach-restricted-registry", "service-integration-restricted"),
    ("network-ok-check-authentication", "registry-auth"),
    ("no-network-problem", "none"),
    // Ours, beyond the contract's table: daemon.json or a systemd drop-in does not parse.
    ("docker-daemon-config-invalid", "client-firewall-or-proxy"),
    // Ours (issues 10 and 13): what a pasted error names, probed; the differential probes.
    ("pasted-proxy-fails", "client-firewall-or-proxy"),
    ("pasted-resolver-fails", "client-firewall-or-proxy"),
    ("system-resolver-disagrees", "client-firewall-or-proxy"),
    ("ipv6-path-broken", "client-firewall-or-proxy"),
    // Ours (issue 11): the token service the login server's challenge names, and a looping CNAME chain.
    ("token-service-dns-failure", "client-firewall-or-proxy"),
    ("token-service-unreachable", "client-firewall-or-proxy"),
    ("dns-cname-loop", "client-firewall-or-proxy"),
    // Ours (issue 9): podman's and CRI-O's own proxy, as containerd's has its two.
    ("puller-proxy-fails", "client-firewall-or-proxy"),
    ("puller-proxy-missing", "client-firewall-or-proxy"),
  ]

  func testEveryFindingBelongsToTheCauseTheContractNames() throws {
    XCTAssertEqual(
      Self.contractTable.count, FindingID.allCases.count, "the table and FindingID differ in size")
    for row in Self.contractTable {
      let id = try XCTUnwrap(FindingID(rawValue: row.finding), "\(row.finding) is not a FindingID")
      let cause = try XCTUnwrap(CauseID(rawValue: row.cause), "\(row.cause) is not a CauseID")
      XCTAssertEqual(Runbook.finding(id).cause, cause, row.finding)
    }
  }

  func testEveryCauseLinkedFromASymptomHasFindings() {
    for symptom in Runbook.symptoms {
      for cause in symptom.likelyCauses {
        XCTAssertFalse(
          Runbook.findings(of: cause).isEmpty, "\(symptom.id) -> \(cause) has no findings")
      }
    }
  }
}
