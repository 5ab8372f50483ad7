import DoctorCore
import FoundationEssentials

/// The four steps of the wizard, in order.
public enum Screen: Int, Sendable, Equatable, CaseIterable {
  case registry, symptoms, probes, diagnosis
}

/// A modal layer over the current screen.
public enum Overlay: Sendable, Equatable {
  case help
  case confirmQuit
  case exportFormat
  case exportPath(ExportFormat)
  /// The questions that stand in for the Azure CLI (AzureQuestions.swift).
  case azureQuestions
  /// Choose one of a remedy's commands, confirm it, see its output (RunCommand.swift).
  case pickCommand
  case confirmCommand(PendingCommand)
  case commandOutput
}

public enum RegistryFocus: Sendable, Equatable { case registry, regions }
public enum SymptomFocus: Sendable, Equatable { case list, filter, error }
public enum DiagnosisFocus: Sendable, Equatable { case tree, pane }

/// Where the current diagnosis run is.
public enum RunPhase: Sendable, Equatable { case idle, running, cancelled, done }

/// One probe on the live screen: started, then finished with its result, described once when it arrived (or
/// cancelled with the run).
public struct ProbeRow: Sendable {
  public enum Status: Sendable {
    case running
    case finished(DescribedProbe)
    case cancelled
  }
  public var id: ProbeID
  public var title: String
  public var target: String
  public var status: Status
  public var result: DescribedProbe? { if case .finished(let r) = status { return r } else { return nil } }
}

/// A node of the decision tree: a cause, a finding (index into `Report.findings`), or one of its remedies.
public enum TreeNodeID: Sendable, Hashable {
  case cause(CauseID)
  case finding(Int)
  case remedy(finding: Int, index: Int)
  /// Azure questions, Azure-side symptoms, further diagnosis (ExtraTree.swift).
  case extra(ExtraNode)
}

/// A line at the bottom of the screen that reports what just happened.
public struct StatusMessage: Sendable, Equatable {
  public enum Kind: Sendable, Equatable { case info, success, error }
  public var text: String
  public var kind: Kind
}

/// Everything the wizard knows. `update` changes it; `view` draws it; nothing else touches it. Each screen keeps
/// its own part (ScreenModels.swift); what a run produced (target, report) is shared by the screens.
public struct AppState: Sendable {
  public var config: WizardConfig
  public var keyMap: KeyMap = .standard
  public var size: Size
  public var screen: Screen = .registry
  public var overlay: Overlay?
  public var status: StatusMessage?
  /// Set once `.quit` has been emitted: the loop ends.
  public var finished = false

  public var registryForm: RegistryScreen
  public var symptoms: SymptomsScreen
  public var probes = ProbesScreen()
  public var diagnosis = DiagnosisScreen()

  /// The registry the form accepted.
  public var target: RegistryTarget?
  public var run = 0
  public var lastRequest: WizardDiagnosis?
  public var runPhase: RunPhase = .idle
  /// The report on screen: the engine's, or recomputed with the Azure answers.
  public var report: Report? { didSet { reportGeneration &+= 1 } }
  /// Counts changes of `report`, so derived data knows when to be rebuilt (a Report has no cheap equality).
  var reportGeneration = 0

  // Export
  public var exportPathField = TextField()

  // Azure side: the engine's report before any answer, the answers, and commands run from the wizard
  public var baseReport: Report?
  public var questions = AzureQuestionsState()
  public var commands = CommandsState()
  /// `w`: the watch after a fix, its timeline in the pane (WatchPane.swift).
  public var watch: WatchState?

  public init(
    config: WizardConfig, size: Size = Size(width: 80, height: 24), registry: String = "", regions: [String] = [],
    symptoms: [SymptomID] = [], errorText: String = ""
  ) {
    self.config = config
    self.size = size
    self.registryForm = RegistryScreen(registry: registry, regions: regions)
    var selected = Set(symptoms)
    // An error given on the command line ticks its symptoms, as one pasted on the symptoms screen would.
    if !errorText.isEmpty { selected.formUnion(config.matchError(errorText)) }
    self.symptoms = SymptomsScreen(selected: selected, errorText: errorText)
  }

  public var language: Language { config.language }

  /// Which bindings of the key map apply now.
  public var keyContext: KeyContext {
    if !size.fits(.minimum) { return .tooSmall }
    switch overlay {
    case .help: return .help
    case .confirmQuit: return .confirmQuit
    case .exportFormat: return .exportFormat
    case .exportPath: return .exportPath
    case .azureQuestions: return .questions
    case .pickCommand: return .pickCommand
    case .confirmCommand: return .confirmCommand
    case .commandOutput: return .commandOutput
    case nil: break
    }
    switch screen {
    case .registry: return .registryForm
    case .symptoms:
      switch symptoms.focus {
      case .list: return .symptomList
      case .filter: return .symptomFilter
      case .error: return .symptomError
      }
    case .probes: return .probes
    case .diagnosis:
      if isWatching { return .watching }
      return diagnosis.focus == .tree ? .tree : .pane
    }
  }

  /// The symptom specs the filter lets through, in config order.
  public var visibleSymptoms: [SymptomSpec] {
    let query = symptoms.filterField.text.trimmingSpaces.lowercased()
    guard !query.isEmpty else { return config.symptoms }
    return config.symptoms.filter { spec in
      spec.id.rawValue.lowercased().contains(query) || spec.title.en.lowercased().contains(query)
        || spec.title.ja.contains(query) || (spec.errorText?.lowercased().contains(query) ?? false)
    }
  }

  /// Whether an action would do anything now: the help bar and overlay leave out those that would not.
  public func isAvailable(_ action: Action) -> Bool {
    switch action {
    case .cancel: return runPhase == .running
    case .export: return report != nil
    case .rerun: return lastRequest != nil
    case .activate where screen == .probes: return report != nil
    case .openQuestions: return !azureQuestions.isEmpty
    case .runCommand: return !(remedyAtFocus?.commands.isEmpty ?? true)
    case .watch: return runPhase == .done && report?.hasError == true && lastRequest != nil
    case .approveCommand:
      if case .confirmCommand(let pending) = overlay, case .success = pending.argv { return true }
      return false
    default: return true
    }
  }

  /// True while the spinner should turn (the main loop sends ticks only then).
  public var wantsTicks: Bool { runPhase == .running }
}
