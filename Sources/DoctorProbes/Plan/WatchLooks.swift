import Dispatch
import DoctorCore
import Synchronization

/// The looks of a watch. The first runs the whole diagnosis; each later one re-runs only the probe trees behind
/// the failing findings — a tree is a planned probe with the follow-ups its results start (DNS, then TCP to each
/// address, then TLS and HTTP), so what a failing probe depends on runs again before it — and keeps the passing
/// facts of the trees not re-run. A look that passes that way is confirmed by a whole diagnosis before it counts as
/// healed: facts kept from an earlier look may have changed meanwhile.
public final class WatchLooks: @unchecked Sendable {
  /// What one look ran: every probe, or only some trees (their root probe ids).
  public enum Scope: Sendable, Equatable {
    case whole
    case only([ProbeID])
  }

  let request: DiagnosisRequest
  /// The latest results of each tree, in the order the trees were planned. Touched only by `look()`, which a
  /// watch calls from one thread at a time.
  private var trees: [(root: ProbeID, results: [ProbeResult])] = []
  private var last: Report?

  public init(request: DiagnosisRequest) {
    self.request = request
  }

  /// Runs the next look: the whole diagnosis first, and again whenever a partial look passes; else the trees
  /// behind the failing findings.
  public func look() -> (report: Report, scope: Scope) {
    guard let last, let roots = rootsToRerun(last), !roots.isEmpty else { return (whole(), .whole) }
    let report = partial(roots)
    guard !report.hasError else { return (report, .only(roots)) }
    return (whole(), .whole)
  }

  private func whole() -> Report {
    let tracker = TreeTracker()
    let tasks = ProbePlan(request: request).tasks.map { tracker.tracked($0, root: $0.id) }
    let (results, ms) = run(tasks, kept: [])
    trees = tracker.grouped(results)
    let report = DoctorEngine.report(request, results, elapsedMs: ms)
    last = report
    return report
  }

  private func partial(_ roots: [ProbeID]) -> Report {
    let tracker = TreeTracker()
    let tasks = ProbePlan(request: request).tasks.filter { roots.contains($0.id) }
      .map { tracker.tracked($0, root: $0.id) }
    let kept = trees.filter { !roots.contains($0.root) }.flatMap(\.results)
    let (fresh, ms) = run(tasks, kept: kept)
    let byRoot = Dictionary(grouping: fresh) { tracker.root(of: $0.id) ?? ProbeID(rawValue: "") }
    trees = trees.map { tree in roots.contains(tree.root) ? (tree.root, byRoot[tree.root] ?? []) : tree }
    let report = DoctorEngine.report(request, trees.flatMap(\.results), elapsedMs: ms)
    last = report
    return report
  }

  /// Runs `tasks` to the end, stopping early once the results with `kept` decide the conclusion.
  private func run(_ tasks: [ProbeTask], kept: [ProbeResult]) -> (results: [ProbeResult], elapsedMs: Double) {
    let request = self.request
    let context = ProbeContext(deadline: .now() + request.timeout, environment: request.environment)
    var runner = ProbeRunner()
    if request.earlyStop {
      runner = ProbeRunner(
        earlyStop: EarlyStop(
          isSettled: { results, pending in
            Diagnosis.isSettled(DoctorEngine.input(request, kept + results), pending: pending)
          },
          stopped: { task, ms in
            ProbeDescriber.stopped(id: task.id, target: task.target, durationMs: ms)
          }))
    }
    return runner.runAndWait(tasks, context: context)
  }

  /// The trees behind the failing findings: those holding a probe a failing finding rests on, and, for a finding
  /// that reads the proxy's answer, the proxy probe of the same endpoint. A finding whose probes are in no tree
  /// re-runs every tree that reports a kind of fact it reads. Nil when nothing fails.
  func rootsToRerun(_ report: Report) -> [ProbeID]? {
    let failing = report.findings.filter { $0.severity == .error }
    guard !failing.isEmpty else { return nil }
    let planned = ProbePlan(request: request).tasks
    var roots = Set<ProbeID>()
    for finding in failing {
      let reads = finding.id.reads
      var mine = Set(finding.probeIDs.compactMap { id in trees.first { $0.results.contains { $0.id == id } }?.root })
      if reads.contains(.proxy) {
        for root in mine where root.family == .dns {
          guard let label = root.endpointLabel else { continue }
          let proxy = ProbeID.proxy(label: label)
          if planned.contains(where: { $0.id == proxy }) { mine.insert(proxy) }
        }
      }
      if mine.isEmpty {
        mine = Set(planned.filter { !$0.expects.kinds.isDisjoint(with: reads) }.map(\.id))
      }
      roots.formUnion(mine)
    }
    return planned.map(\.id).filter { roots.contains($0) }
  }
}

/// Which tree each task and result belongs to, as follow-ups are started.
private final class TreeTracker: Sendable {
  private let roots = Mutex<[ProbeID: ProbeID]>([:])

  func root(of id: ProbeID) -> ProbeID? { roots.withLock { $0[id] } }

  /// `task`, whose results and follow-ups are counted in `root`'s tree.
  func tracked(_ task: ProbeTask, root: ProbeID) -> ProbeTask {
    roots.withLock { $0[task.id] = $0[task.id] ?? root }
    return ProbeTask(id: task.id, title: task.title, target: task.target, expects: task.expects) { context in
      var output = task.run(context)
      self.roots.withLock { map in for result in output.results { map[result.id] = map[result.id] ?? root } }
      output.followUps = output.followUps.map { self.tracked($0, root: root) }
      return output
    }
  }

  /// The results grouped by tree, trees in the order they first appear.
  func grouped(_ results: [ProbeResult]) -> [(root: ProbeID, results: [ProbeResult])] {
    var trees: [(root: ProbeID, results: [ProbeResult])] = []
    for result in results {
      let root = self.root(of: result.id) ?? ProbeID(rawValue: "")
      if let i = trees.firstIndex(where: { $0.root == root }) {
        trees[i].results.append(result)
      } else {
        trees.append((root, [result]))
      }
    }
    return trees
  }
}
