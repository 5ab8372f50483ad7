import DoctorCore
import XCTest

@testable import DoctorProbes

/// The home region an ACR login server's CNAME chain names (`….<region>.cloudapp.azure.com`).
final class HomeRegionTests: XCTestCase {
  private func facts(_ chain: [String]) -> DNSFacts {
    let records = zip(chain, chain.dropFirst()).map { CNAMERecord(name: $0, target: $1, ttl: 60) }
    return DNSFacts(
      endpoint: Endpoint(host: chain[0], role: .loginServer),
      system: SystemLookup(outcome: .resolved, addresses: [], ms: 1),
      wire: WireLookup(
        outcome: .resolved, answeredBy: "10.0.0.53", cnames: records, addresses: [], attempts: [], ms: 1),
      hostsEntries: [])
  }

  func testRegionFromTheRegionalFrontEnd() {
    XCTAssertEqual(
      ProbePlan.homeRegion(of: facts(["contoso.azurecr.io", "jpe-acr-reg.japaneast.cloudapp.azure.com"])),
      "japaneast")
  }

  func testRegionBehindAPrivateLinkName() {
    let chain = ["contoso.azurecr.io", "contoso.privatelink.azurecr.io", "weu-2.westeurope.cloudapp.azure.com."]
    XCTAssertEqual(ProbePlan.homeRegion(of: facts(chain)), "westeurope")
  }

  func testNoRegionWithoutACloudappName() {
    XCTAssertNil(ProbePlan.homeRegion(of: facts(["ghcr.io", "ghcr.github.map.fastly.net"])))
    XCTAssertNil(ProbePlan.homeRegion(of: facts(["contoso.azurecr.io", "cloudapp.azure.com"])))
    XCTAssertNil(ProbePlan.homeRegion(of: facts(["contoso.azurecr.io"])))
  }
}
