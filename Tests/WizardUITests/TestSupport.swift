import DoctorCore
import WizardUI

/// Sends keys one by one; returns every effect they emitted, in order.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
  keys.flatMap { update(&state, .key($0)) }
}

/// Types text into whatever field has focus.
func type(_ state: inout AppState, _ text: String) {
  for character in text { _ = update(&state, .key(.char(character))) }
}

/// A state on the symptoms screen for contoso (the registry already validated).
func symptomsState(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) -> AppState {
  var state = AppState(config: Fixtures.config(language), size: size, registry: "contoso", regions: ["japaneast"])
  press(&state, .enter)
  return state
}

/// A state whose diagnosis run has started (run 1), with no probe event yet.
func runningState(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) -> AppState {
  var state = symptomsState(language, size: size)
  press(&state, .enter)
  return state
}

/// A state with every fixture probe finished and the report in, on the decision tree screen.
func diagnosisState(_ language: Language = .en, size: Size = Size(width: 80, height: 24)) -> AppState {
  var state = runningState(language, size: size)
  feedAllProbes(&state, report: language == .ja ? Fixtures.reportJA : Fixtures.report)
  press(&state, .enter)
  return state
}

func feedAllProbes(_ state: inout AppState, report: Report = Fixtures.report) {
  for probe in Fixtures.probes {
    _ = update(&state, .probeStarted(run: state.run, id: probe.id, title: probe.id.rawValue, target: probe.target))
    _ = update(&state, .probeFinished(run: state.run, probe))
  }
  _ = update(&state, .reportReady(run: state.run, report))
}

extension Effect {
  var request: WizardDiagnosis? {
    if case .startDiagnosis(let r) = self { return r }
    return nil
  }
}
