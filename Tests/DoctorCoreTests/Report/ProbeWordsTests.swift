import DoctorCore
import XCTest

/// A probe returns facts; its words are made where it is shown (issue 8, "facts down, words at the edge").
final class ProbeWordsTests: XCTestCase {
  func timeoutResults() -> FactsBuilder {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .timeout)
    return b
  }

  func report(_ b: FactsBuilder, _ language: Language) -> Report {
    let input = DiagnosisInput(
      registry: b.registry, symptoms: [], probes: b.probes, proxyEnvironment: ProxyEnvironment(environment: [:]))
    return Diagnosis.report(input: input, language: language, elapsedMs: 1)
  }

  func testTheSameResultsAreWordedInEachReportsLanguageAndDecideTheSame() {
    let b = timeoutResults()
    XCTAssertTrue(b.probes.allSatisfy { $0.stated == nil }, "a measured result holds no words")
    let (en, ja) = (report(b, .en), report(b, .ja))
    let id: ProbeID = "tcp.login-server.203.0.113.10"
    let tcpEN = en.probes.first { $0.id == id }?.summary ?? ""
    let tcpJA = ja.probes.first { $0.id == id }?.summary ?? ""
    XCTAssertTrue(tcpEN.contains("did not answer"), tcpEN)
    XCTAssertTrue(tcpJA.contains("応答しません"), tcpJA)
    XCTAssertEqual(en.probes.map(\.status), ja.probes.map(\.status))
    XCTAssertEqual(en.probes.map(\.status), b.probes.map(\.status), "a result's own status is the one shown")
    XCTAssertEqual(en.findings.map(\.id), [.tcpConnectTimeout])
    XCTAssertEqual(en.findings.map(\.evidence), ja.findings.map(\.evidence), "evidence is built from facts")
  }

  func testWhatAResultSaysOfItselfMovesNoRule() {
    var b = timeoutResults()
    let before = report(b, .en).findings.map(\.evidence)
    b.probes = b.probes.map { p in
      ProbeResult(
        id: p.id, target: p.target, status: .pass, durationMs: p.durationMs,
        summary: LocalizedText(en: "connected", ja: "接続"), facts: p.facts)
    }
    let after = report(b, .en)
    XCTAssertEqual(after.probes.first?.summary, "connected", "the stated words are shown")
    XCTAssertEqual(after.findings.map(\.evidence), before, "the rules read the facts")
  }

  func testAProbeStoppedEarlyStatesItsWordsInEachLanguage() {
    let stopped = ProbeDescriber.stopped(id: "tls.login-server", target: "t", durationMs: 1)
    XCTAssertEqual(stopped.status, .skip)
    XCTAssertTrue(stopped.stoppedEarly)
    XCTAssertTrue(stopped.summary(in: .en).hasPrefix("stopped: not needed"), stopped.summary(in: .en))
    XCTAssertTrue(stopped.summary(in: .ja).hasPrefix("停止"), stopped.summary(in: .ja))
  }
}
