import XCTest

@testable import DoctorCore

final class ErrorMatcherTests: XCTestCase {
  /// pasted text -> symptoms
  private let rows: [(String, [SymptomID])] = [
    // The article's own error texts.
    (
      "Error response from daemon: Get https://myregistry.azurecr.io/v2/: dial tcp: lookup myregistry.azurecr.io: no such host",
      [.s1]
    ),
    (
      "Get https://myregistry.azurecr.io/v2/: net/http: request canceled (Client.Timeout exceeded while awaiting headers)",
      [.s2]
    ),
    ("Could not connect to the registry login server 'myregistry.azurecr.io'.", [.s3]),
    ("Error response from daemon: login attempt failed with status: 403 Forbidden", [.s5]),
    (
      "Error response from daemon: Get https://myregistry.azurecr.io/v2/: proxyconnect tcp: EOF Login failed",
      [.s5]
    ),
    (
      "Failed to save firewall and virtual network settings for container registry 'myregistry'",
      [.s6]
    ),
    ("dial tcp 10.1.2.3:443: connect: host is not reachable", [.s11]),
    // Other spellings of the same failures.
    ("curl: (6) Could not resolve host: contoso.azurecr.io", [.s1]),
    ("getaddrinfo: Temporary failure in name resolution", [.s1]),
    // The nameserver timed out, not the registry: S1 only.
    (
      "dial tcp: lookup contoso.azurecr.io on 10.0.0.2:53: read udp 10.0.0.4:5353->10.0.0.2:53: i/o timeout",
      [.s1]
    ),
    ("net/http: TLS handshake timeout", [.s2]),
    ("context deadline exceeded", [.s2]),
    ("dial tcp 20.1.2.3:443: connect: connection refused", [.s2]),
    // No route is S11 only with a private endpoint in sight (an ACR name dialed at a private address).
    ("dial tcp 10.1.2.3:443: connect: no route to host", [.s2]),
    ("Get https://contoso.azurecr.io/v2/: dial tcp 10.1.2.3:443: connect: no route to host", [.s2, .s11]),
    ("dial tcp: lookup contoso.privatelink.azurecr.io: no such host", [.s1, .s11]),
    // Made-up combinations the corpus lacks: a reset through the proxy, S7's words inside the S6 error.
    (
      "Get \"https://contoso.azurecr.io/v2/\": proxyconnect tcp: read tcp 10.0.0.4:5000->10.0.0.3:3128: read: connection reset by peer",
      [.s5]
    ),
    (
      "Failed to save firewall and virtual network settings for container registry 'contoso'. The client 'x' "
        + "does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/write'",
      [.s6]
    ),
    // az acr check-health codes.
    ("An error occurred: CONNECTIVITY_DNS_ERROR", [.s1, .s3]),
    ("CONNECTIVITY_FORBIDDEN_ERROR: Access to registry 'contoso.azurecr.io' was denied.", [.s3]),
    ("connectivity_ssl_error", [.s3]),
    ("CONNECTIVITY_TOOMANYREQUESTS_ERROR", [.s3]),
    (
      "Error response from daemon: denied: client with IP '203.0.113.7' is not allowed access",
      [.s3]
    ),
    // AKS and other services.
    (
      "Warning  Failed  kubelet  Failed to pull image \"contoso.azurecr.io/app:1\": rpc error",
      [.s4]
    ),
    ("Back-off pulling image: ImagePullBackOff", [.s4]),
    ("  Reason: ErrImagePull", [.s4]),
    ("Received unexpected HTTP status: 407 Proxy Authentication Required", [.s5]),
    ("(AuthorizationFailed) The client 'x' does not have authorization to perform action", [.s7]),
    (
      "(ResourceNotFound) The Resource 'Microsoft.ContainerRegistry/registries/contoso' could not be found.",
      [.s7]
    ),
    ("Failed to update network rule set: ipRules invalid", [.s8]),
    (
      "(MissingSubscriptionRegistration) The subscription is not registered to use namespace", [.s8]
    ),
    ("az acr build -r contoso . failed", [.s9]),
    ("Run ID: ca1 failed after 2s. Error: failed to push contoso.azurecr.io/app:1", [.s9]),
    ("Microsoft Defender for Cloud could not scan the images", [.s10]),
    ("Vulnerability assessment results are missing", [.s10]),
    // Hostile and unrelated input.
    ("", []),
    ("everything is fine", []),
    ("connected to 10.0.0.4070 on port 4070", []),  // No `407` standing alone.
    ("rescan later; scanner idle", []),  // `scan` only as a word.
    ("$(rm -rf /); `reboot` | tee \u{0}\u{1B}[2J", []),
    ("NO SUCH HOST", [.s1]),
    ("ｎｏ ｓｕｃｈ ｈｏｓｔ", []),
    ("no such ho", []),  // Truncated.
  ]

  func testMapsErrorsToSymptoms() {
    for (text, expected) in rows {
      XCTAssertEqual(ErrorMatcher.symptoms(matching: text), expected, text)
    }
  }

  func testResultIsSortedAndUnique() {
    let all =
      "no such host i/o timeout CONNECTIVITY_DNS_ERROR ErrImagePull Defender host is not reachable "
      + "AuthorizationFailed network rule az acr build no such host again; Get https://x/v2/: Forbidden"
    let found = ErrorMatcher.symptoms(matching: all)
    XCTAssertEqual(found, Array(Set(found)).sorted())
    XCTAssertEqual(found, [.s1, .s2, .s3, .s4, .s5, .s7, .s8, .s9, .s10, .s11])
  }

  func testHugeInputIsBounded() {
    let padding = String(repeating: "x", count: 100 * 1024)
    XCTAssertEqual(ErrorMatcher.symptoms(matching: "no such host " + padding), [.s1])
    XCTAssertEqual(
      ErrorMatcher.symptoms(matching: padding + " no such host"), [], "text past 64 KiB is not read"
    )
  }

  func testTableReadsAsData() {
    XCTAssertGreaterThan(ErrorMatcher.table.count, 40)
    let contractFindings = Set(FindingID.allCases.map(\.rawValue)).union([
      "puller-untrusted-certificate", "blob-host-unreachable", "blob-host-dns-failure", "registry-server-error",
    ])
    for pattern in ErrorMatcher.table {
      // not-a-registry (a 404 on /v2/) is named only: the network is not the fault.
      if pattern.family != .notARegistry {
        XCTAssertFalse(pattern.symptoms.isEmpty && pattern.findings.isEmpty, pattern.family.rawValue)
      }
      XCTAssertFalse(pattern.alternatives.contains { $0.contains(where: \.isEmpty) })
      XCTAssertTrue(
        pattern.alternatives.isEmpty
          == [FactCondition.reasonPhraseAfterURL, .closedAfterURL].contains(pattern.condition))
      for id in pattern.findings + pattern.takesBackFindings {
        XCTAssertTrue(contractFindings.contains(id), "\(id) is no finding of CONTRACT.md")
      }
    }
    // Every symptom can be reached from some pasted text.
    XCTAssertEqual(Set(ErrorMatcher.table.flatMap(\.symptoms)), Set(SymptomID.allCases))
  }
}
