import Foundation
import XCTest

@testable import DoctorCore

/// One finding, one room: every id of the contract has a file of its own under Sources/DoctorCore/Findings/<cause>/,
/// named after the id, registered once in `Findings.all`, and holding the spec of that id.
final class FindingCatalogTests: XCTestCase {
  /// CONTRACT.md ids that belong to open work (issue 9: the pullers, the hosts a pull touches; the registry's own
  /// 5xx). The test fails when one of them gets its file, so the list only shrinks.
  let awaitingImplementation: Set<String> = [
  ]

  let findingsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/DoctorCore/Findings")

  /// `proxy-connection-closed` -> `proxyconnectionclosed`, `ProxyConnectionClosed` -> the same: file and type names
  /// spell the id in CamelCase (acronyms in capitals: TCPConnectTimeout, LoginServerDNSFailure).
  func folded(_ name: String) -> String { name.lowercased().filter { $0 != "-" } }

  func testEveryFindingIDIsRegisteredExactlyOnce() {
    let registered = Findings.all.map { $0.spec.id }
    XCTAssertEqual(registered.count, Set(registered).count, "a finding is registered twice")
    XCTAssertEqual(Set(registered), Set(FindingID.allCases))
    for id in FindingID.allCases { XCTAssertEqual(Findings.spec(id).id, id) }
  }

  func testEachRuleTypeIsNamedAfterItsID() {
    for rule in Findings.all {
      XCTAssertEqual(folded(String(describing: rule)), folded(rule.spec.id.rawValue))
    }
  }

  func testEveryFindingFileIsNamedAfterARegisteredIDAndSitsInItsCausesFolder() throws {
    let folderOfCause: [CauseID: String] = [
      .clientFirewallOrProxy: "Client", .registryPublicAccessRules: "PublicAccess",
      .vnetPrivateEndpointConfig: "VNet", .serviceIntegrationRestricted: "Services", .registryAuth: "Outcomes",
      .registryService: "Registry", .none: "Outcomes",
    ]
    var files: [String: String] = [:]  // folded name -> folder
    for folder in Set(folderOfCause.values) {
      let names = try FileManager.default.contentsOfDirectory(
        atPath: findingsDirectory.appendingPathComponent(folder).path)
      for name in names where name.hasSuffix(".swift") {
        let key = folded(String(name.dropLast(".swift".count)))
        XCTAssertNil(files[key], "\(name) twice")
        files[key] = folder
      }
    }
    for id in FindingID.allCases {
      let spec = Findings.spec(id)
      XCTAssertEqual(files[folded(id.rawValue)], folderOfCause[spec.cause], "\(id.rawValue) has no file of its own")
    }
    let ids = Set(FindingID.allCases.map { folded($0.rawValue) })
    for file in files.keys { XCTAssertTrue(ids.contains(file), "\(file).swift is not a registered finding") }
  }

  func testEveryContractIDHasItsFindingWithTheContractsCause() throws {
    let contract = try String(
      contentsOf: findingsDirectory.appendingPathComponent("../../../../shared/design/CONTRACT.md").standardized,
      encoding: .utf8)
    // Rows of the findings table: | `id` | cause | meaning |
    var rows: [(String, String)] = []
    for line in contract.split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count >= 3, CauseID(rawValue: cells[1]) != nil else { continue }
      rows.append((cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), cells[1]))
    }
    XCTAssertGreaterThan(rows.count, 30, "the contract's findings table was not read")
    for (id, cause) in rows {
      if awaitingImplementation.contains(id) {
        XCTAssertNil(FindingID(rawValue: id), "\(id) is implemented now: take it off awaitingImplementation")
        continue
      }
      guard let finding = FindingID(rawValue: id) else {
        XCTFail("CONTRACT.md names \(id), which has no finding")
        continue
      }
      XCTAssertEqual(Findings.spec(finding).cause.rawValue, cause, id)
    }
  }

  func testRanksLiveInTheSpecsAndLikelihoodMovesThemOnlyWhereTheSpecSaysSo() {
    for rule in Findings.all {
      let rank = rule.spec.rank
      XCTAssertEqual(
        FindingDraft(id: rule.spec.id, evidence: [], likelihood: .usual).rank, rank.usual, "\(rule.spec.id)")
      if let likelier = rank.likelier { XCTAssertLessThan(likelier, rank.usual, "\(rule.spec.id)") }
      if let lessLikely = rank.lessLikely { XCTAssertGreaterThan(lessLikely, rank.usual, "\(rule.spec.id)") }
    }
  }
}
