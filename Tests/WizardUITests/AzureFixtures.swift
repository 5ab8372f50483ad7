import DoctorCore
import WizardUI

// Reports built by the real engine (Diagnosis.report) from typed facts, for the Azure questions: the login server
// resolves to a public address, and the Azure CLI probe says az could not be asked.
enum AzureFixtures {
  static let registry = Fixtures.target

  static func dnsProbe() -> ProbeResult {
    let facts = DNSFacts(
      endpoint: Endpoint(host: "contoso.azurecr.io", role: .loginServer),
      system: SystemLookup(outcome: .resolved, addresses: [ResolvedAddress(ip: "20.43.65.1")], ms: 3),
      wire: nil, hostsEntries: [])
    return ProbeResult(
      id: "dns.login-server", target: "contoso.azurecr.io", durationMs: 3, facts: .dns(facts))
  }

  static func azureProbe(_ state: AzureCLIState, _ facts: AzureFacts? = nil) -> ProbeResult {
    ProbeResult(
      id: "azure.registry", target: "contoso", durationMs: 5,
      facts: .azure(facts ?? AzureFacts(state: state, error: "az (the Azure CLI) was not found on PATH")))
  }

  /// The engine's report for these probes and symptoms.
  static func report(
    symptoms: [SymptomID], azure: ProbeResult? = azureProbe(.notInstalled), language: Language = .en
  ) -> Report {
    let probes = [dnsProbe()] + (azure.map { [$0] } ?? [])
    let input = DiagnosisInput(
      registry: registry, symptoms: symptoms, probes: probes, proxyEnvironment: ProxyEnvironment(environment: [:]))
    return Diagnosis.report(input: input, language: language, elapsedMs: 40)
  }

  /// A wizard on the decision tree with `report` in, the symptoms ticked as the report says.
  static func state(
    _ report: Report, language: Language = .en, size: Size = Size(width: 80, height: 24)
  ) -> AppState {
    var state = AppState(
      config: Fixtures.config(language), size: size, registry: "contoso", symptoms: report.symptoms)
    press(&state, .enter, .enter)
    for probe in report.probes {
      _ = update(&state, .probeStarted(run: state.run, id: probe.id, title: probe.id.rawValue, target: probe.target))
      _ = update(&state, .probeFinished(run: state.run, probe.result))
    }
    _ = update(&state, .reportReady(run: state.run, report))
    press(&state, .enter)
    return state
  }
}

extension AppState {
  var findingIDs: [FindingID] { report?.findings.map(\.id) ?? [] }

  /// Moves the tree cursor to `node` (which must be visible).
  mutating func moveTreeCursor(to node: TreeNodeID) {
    guard let index = treeRows.firstIndex(where: { $0.node == node }) else { return }
    while diagnosis.tree.cursor < index { _ = update(&self, .key(.down)) }
    while diagnosis.tree.cursor > index { _ = update(&self, .key(.up)) }
  }
}

extension Effect {
  var runCommand: (argv: [String], display: String)? {
    if case .runCommand(let argv, let display) = self { return (argv, display) }
    return nil
  }
}
