// The wizard's key -> frame cost measured in-process (a benchmark, not a test): `update` plus `view` for a cursor
// move on a fully expanded decision tree, the work the main loop does per key before ncurses draws the diff.
// Usage: regdoctor-bench [iterations]   (build with -c release to measure what users run)
import Dispatch
import DoctorCore
import DoctorProbes
import Foundation
import WizardUI

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 2000

// A real report: the engine against a loopback port nothing listens on, with an /etc of its own (no real DNS).
let etc = NSTemporaryDirectory() + "regdoctor-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: etc, withIntermediateDirectories: true)
try "nameserver 127.0.0.1\n".write(toFile: etc + "/resolv.conf", atomically: true, encoding: .utf8)
try "".write(toFile: etc + "/hosts", atomically: true, encoding: .utf8)
defer { try? FileManager.default.removeItem(atPath: etc) }
let registry = try RegistryTarget.parse("127.0.0.1:9", regions: [], dataEndpoints: ["127.0.0.2", "127.0.0.3"])
let request = DiagnosisRequest(
  registry: registry, symptoms: [.s2, .s4, .s9, .s10], timeout: 1, useAzureCLI: false, language: .en,
  environment: ["REGDOCTOR_ETC": etc, "DOCKER_HOST": "unix://\(etc)/none.sock"])
let report = DoctorEngine.diagnose(request)

let config = WizardConfig(
  language: .en, symptoms: Runbook.symptoms, causes: Runbook.causes,
  validateRegistry: { input, _ in Result { () throws(InputError) in try RegistryTarget.parse(input) } },
  matchError: { ErrorMatcher.symptoms(matching: $0) })
var state = AppState(config: config, registry: "127.0.0.1:9", symptoms: request.symptoms)
let size = Size(width: 120, height: 40)
state.size = size
var run = 0
@MainActor func send(_ msg: Msg) {
  for effect in update(&state, msg) {
    if case .startDiagnosis(let start) = effect { run = start.run }
  }
}
send(.key(.enter))  // registry -> symptoms
send(.key(.enter))  // symptoms -> probes: starts run 1
for r in report.probes { send(.probeFinished(run: run, r.result)) }
send(.reportReady(run: run, report))
send(.key(.enter))  // probes -> decision tree
// Expand every node: right on each row, top to bottom.
for _ in 0..<200 {
  send(.key(.right))
  send(.key(.down))
}

var samples: [Double] = []
samples.reserveCapacity(iterations)
for i in 0..<iterations {
  let start = DispatchTime.now()
  send(.key(i % 400 < 200 ? .down : .up))
  let frame = view(state, size: size)
  samples.append(elapsedMs(since: start))
  precondition(!frame.text().isEmpty)
}
samples.sort()
let sorted = samples
@MainActor func pct(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
print("findings: \(report.findings.count), probes: \(report.probes.count), screen \(size.width)x\(size.height)")
print(
  String(
    format: "key -> frame (update + view), %d moves: median %.3f ms, p90 %.3f ms, max %.3f ms", iterations, pct(0.5),
    pct(0.9), samples.last ?? 0))
