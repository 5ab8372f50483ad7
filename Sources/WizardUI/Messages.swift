import DoctorCore

/// Everything that starts a diagnosis; `run` numbers it so late events of a cancelled run are ignored.
public struct WizardDiagnosis: Sendable, Equatable {
  public var run: Int
  public var registry: RegistryTarget
  public var symptoms: [SymptomID]
  /// The error text the user pasted, if any.
  public var errorText: String?
  public var language: Language
  public init(run: Int, registry: RegistryTarget, symptoms: [SymptomID], errorText: String?, language: Language) {
    self.run = run
    self.registry = registry
    self.symptoms = symptoms
    self.errorText = errorText
    self.language = language
  }
}

public enum ExportFormat: String, Sendable, Equatable {
  case markdown, json
  public var fileExtension: String { self == .markdown ? "md" : "json" }
}

/// An export the user asked for: the report on screen (Azure answers applied), so the caller keeps no copy of it.
public struct ExportJob: Sendable, Equatable {
  public var format: ExportFormat
  public var path: String
  public var report: Report
  public init(format: ExportFormat, path: String, report: Report) {
    (self.format, self.path, self.report) = (format, path, report)
  }
  /// Two jobs are the same when they write the same file: the report compares by its JSON form (its probe facts
  /// have no equality of their own).
  public static func == (a: ExportJob, b: ExportJob) -> Bool {
    a.format == b.format && a.path == b.path && JSONReport.render(a.report) == JSONReport.render(b.report)
  }
}

/// Messages in: keys from the terminal, events from the probe runner (posted from other threads to the inbox),
/// the spinner's tick, a new terminal size, and the outcome of an export.
public enum Msg: Sendable {
  case key(Key)
  /// A probe of diagnosis run `run` started (DoctorCore's `ProbeEvent.started`).
  case probeStarted(run: Int, id: ProbeID, title: String, target: String)
  /// A probe of run `run` finished (DoctorCore's `ProbeEvent.finished`).
  case probeFinished(run: Int, ProbeResult)
  /// The diagnosis of run `run` is complete: the report built from all results (after `ProbeEvent.allDone`).
  case reportReady(run: Int, Report)
  /// While run `run` still waits for some probes (a silence), the conclusion the results so far point at; the
  /// report confirms it (or not) by `confirmingUntilSeconds`.
  case likelyConclusion(run: Int, Conclusion, confirmingUntilSeconds: Double)
  case tick
  case resize(Size)
  /// Where the report was written, or why it could not be.
  case exportFinished(Result<String, InputError>)
  /// SIGTERM, SIGHUP or SIGINT arrived: leave now.
  case terminate
  /// A command run through `.runCommand` ended: its exit code (nil when it was stopped or could not start) and
  /// its output (stdout then stderr, capped).
  case commandFinished(display: String, exitCode: Int32?, output: String)
  /// A look of watch `watch` (`.startWatch`).
  case watchLooked(watch: Int, WatchLook)
  /// Watch `watch` ended without healing: its bound ran out.
  case watchEnded(watch: Int)
}

/// Effects out, as data: the caller runs them (tests only look at them).
public enum Effect: Sendable, Equatable {
  case startDiagnosis(WizardDiagnosis)
  case cancelDiagnosis
  /// Write the job's report to its path, then post `.exportFinished`.
  case export(ExportJob)
  /// Run `argv` without a shell, bounded in time, then post `.commandFinished`. Emitted only after the user
  /// confirmed `display` (the exact line argv was split from) with `y`.
  case runCommand(argv: [String], display: String)
  /// Look again and again at `request` (only the probes behind the failing findings), posting `.watchLooked` for
  /// each look, until one passes, the bound runs out (`.watchEnded`) or `.stopWatch`.
  case startWatch(WizardWatch)
  case stopWatch
  case quit
}
