import ArgumentParser
import Dispatch
import DoctorCore
import DoctorProbes
import FoundationEssentials
import Glibc

/// `diagnose --watch`: after a fix, look again every interval until the diagnosis passes.
struct WatchOptions: ParsableArguments {
  @Flag(
    help:
      "After the first diagnosis, look again every --interval until it passes (exit 0), --watch-for runs out or Ctrl-C (the last look's exit code)."
  )
  var watch = false

  @Option(help: ArgumentHelp("Seconds between two looks of --watch (default 5).", valueName: "SECONDS"))
  var interval: Double?

  @Option(
    name: .customLong("watch-for"),
    help: ArgumentHelp("Stop watching after this many seconds (default 600).", valueName: "SECONDS"))
  var watchFor: Double?

  func validate() throws {
    if !watch, interval != nil || watchFor != nil {
      throw ValidationError("--interval and --watch-for go with --watch.")
    }
    if let interval, !(interval.isFinite && interval >= 1 && interval <= 3600) {
      throw ValidationError("--interval must be a number of seconds between 1 and 3600, not \(interval).")
    }
    if let watchFor, !(watchFor.isFinite && watchFor >= 1 && watchFor <= 86400) {
      throw ValidationError("--watch-for must be a number of seconds between 1 and 86400, not \(watchFor).")
    }
  }
}

/// Runs the diagnosis again and again; prints the timeline as it goes (text) or one report with the first state,
/// the last and the timeline at the end (Markdown, JSON).
func runWatch(_ request: DiagnosisRequest, options: CommonOptions, watch: WatchOptions) throws {
  let interval = watch.interval ?? 5
  let limitMs = (watch.watchFor ?? 600) * 1000
  let live = options.format == .text
  let stop = StopSignal()
  let start = DispatchTime.now()
  var log = WatchLog()
  let looks = WatchLooks(request: request)
  if live, let path = options.output { try ReportOutput.write("", to: path) }
  while true {
    let (report, scope) = looks.look()
    let rerun: [ProbeID]? = if case .only(let roots) = scope { roots } else { nil }
    let sample = log.record(
      report, atMs: elapsedMs(since: start), rerun: rerun, heldBy: ResolverCaches.stillHeldBy(request))
    if live {
      if log.samples.count == 1 {
        emit(ReportOutput.render(report, format: .text, color: false), options: options)
        writeStandardError(
          "regdoctor: watching every \(formatMs(interval * 1000)) until the diagnosis passes (at most "
            + "\(formatMs(limitMs))); Ctrl-C stops\n")
      }
      emit(sample.line + "\n", options: options)
    }
    if sample.healed || stop.requested || elapsedMs(since: start) + interval * 1000 > limitMs { break }
    if stop.wait(seconds: interval) { break }
  }
  guard let last = log.last else { throw ExitCode(3) }
  switch options.format {
  case .text:
    if log.samples.count > 1 { emit(ReportOutput.render(last, format: .text, color: false), options: options) }
  case .markdown: try write(MarkdownReport.render(last, watch: log), options: options)
  case .json: try write(JSONReport.render(last, watch: log), options: options)
  }
  throw ExitCode(log.samples.last?.exitCode ?? 1)
}

/// Text goes out as it comes: to stdout, or appended to --output.
private func emit(_ text: String, options: CommonOptions) {
  guard let path = options.output else {
    writeStandardOutput(text)
    return
  }
  try? ReportOutput.append(text, to: path)
}

private func write(_ text: String, options: CommonOptions) throws {
  if let path = options.output {
    try ReportOutput.write(text, to: path)
    writeStandardError("regdoctor: report written to \(path)\n")
  } else {
    writeStandardOutput(text)
  }
}

/// Ctrl-C or SIGTERM during a watch: end after the look in progress (bounded by --timeout), or at once while
/// waiting for the next one.
private final class StopSignal: @unchecked Sendable {
  private let semaphore = DispatchSemaphore(value: 0)
  private let lock = ThreadLock()
  private var stopped = false
  private var sources: [DispatchSourceSignal] = []

  init() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in self?.request() }
      source.resume()
      sources.append(source)
    }
  }

  var requested: Bool { lock.withLock { stopped } }

  private func request() {
    lock.withLock { stopped = true }
    semaphore.signal()
  }

  /// Waits up to `seconds`; true when a stop was asked for meanwhile.
  func wait(seconds: Double) -> Bool {
    _ = semaphore.wait(timeout: .now() + seconds)
    return requested
  }
}
