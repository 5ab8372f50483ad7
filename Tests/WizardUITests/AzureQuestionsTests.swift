import DoctorCore
import XCTest

@testable import WizardUI

/// The questions that stand in for the Azure CLI: asked only when az is unavailable and only those that matter;
/// the answers become facts the real rules recompute the diagnosis with.
final class AzureQuestionsTests: XCTestCase {
  func testNoQuestionWhenTheAzureCLIAnswered() {
    let facts = AzureFacts(
      state: .ok, loginServer: "contoso.azurecr.io", publicNetworkAccess: "Enabled", defaultAction: "Allow")
    var state = AzureFixtures.state(
      AzureFixtures.report(symptoms: [.s10, .s6], azure: AzureFixtures.azureProbe(.ok, facts)))
    XCTAssertEqual(state.azureQuestions, [])
    XCTAssertFalse(state.treeRows.contains { $0.node == .extra(.questions) })
    XCTAssertFalse(state.isAvailable(.openQuestions))
    press(&state, .char("a"))
    XCTAssertNil(state.overlay, "nothing to ask")
  }

  func testNoQuestionForAGenericRegistry() {
    var report = AzureFixtures.report(symptoms: [.s10])
    report.registry = RegistryTarget(input: "registry.example", kind: .generic, host: "registry.example")
    XCTAssertEqual(AzureQuestions.applicable(to: report), [])
  }

  func testOnlyTheQuestionsTheSymptomsNeed() {
    // Nothing failed and no symptom: nothing depends on the Azure side.
    XCTAssertEqual(AzureQuestions.applicable(to: AzureFixtures.report(symptoms: [])), [])
    // S6 (settings cannot be saved): only the resource provider.
    XCTAssertEqual(AzureQuestions.applicable(to: AzureFixtures.report(symptoms: [.s6])), [.providerRegistered])
    // S7 with a public login server: public access and the network rules.
    XCTAssertEqual(
      AzureQuestions.applicable(to: AzureFixtures.report(symptoms: [.s7])),
      [.publicAccessDisabled, .networkRestricted])
    // Defender (S10): everything that makes a registry restricted, and the trusted-services bypass.
    XCTAssertEqual(
      AzureQuestions.applicable(to: AzureFixtures.report(symptoms: [.s10])),
      [.publicAccessDisabled, .networkRestricted, .trustedServicesAllowed, .privateEndpoints])
    // Without an Azure probe at all (--no-az) the questions are asked too.
    XCTAssertEqual(
      AzureQuestions.applicable(to: AzureFixtures.report(symptoms: [.s6], azure: nil)), [.providerRegistered])
  }

  func testEveryUnavailableStateAsks() {
    for unavailable: AzureCLIState in [.notInstalled, .notLoggedIn, .disabled, .failed, .timeout] {
      let report = AzureFixtures.report(symptoms: [.s8], azure: AzureFixtures.azureProbe(unavailable))
      XCTAssertEqual(AzureQuestions.applicable(to: report), [.providerRegistered], "\(unavailable)")
    }
  }

  func testAnswersProduceTheAzureFindings() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s10, .s6]))
    XCTAssertTrue(state.status?.text.contains("press a") ?? false, "still said on the decision tree")
    let before = state.findingIDs
    XCTAssertFalse(before.contains(.publicNetworkAccessDisabled))

    press(&state, .char("a"))
    XCTAssertEqual(state.overlay, .azureQuestions)
    XCTAssertEqual(state.keyContext, .questions)
    // public access disabled: yes; restricts networks: no; trusted services: no; private endpoints: don't know;
    // provider registered: no.
    press(&state, .char("y"), .char("n"), .char("n"), .char("d"), .char("n"))
    XCTAssertEqual(state.findingIDs, before, "nothing changes before Enter")
    XCTAssertEqual(press(&state, .enter), [], "nothing for the caller to keep: an export carries the report")
    XCTAssertEqual(
      state.questions.answers,
      [.publicAccessDisabled: .yes, .networkRestricted: .no, .trustedServicesAllowed: .no, .providerRegistered: .no])

    XCTAssertNil(state.overlay)
    let ids = state.findingIDs
    XCTAssertTrue(ids.contains(.publicNetworkAccessDisabled), "\(ids)")
    XCTAssertTrue(ids.contains(.trustedServicesNotAllowed), "\(ids)")
    XCTAssertTrue(ids.contains(.serviceCannotReachRestrictedRegistry), "\(ids)")
    XCTAssertTrue(ids.contains(.resourceProviderNotRegistered), "\(ids)")
    let azure = state.report?.probes.first { $0.id == "azure.registry" }
    guard case .azure(let facts) = azure?.facts else { return XCTFail("no azure probe in the recomputed report") }
    XCTAssertEqual(facts.state, .answeredByUser)
    XCTAssertEqual(facts.publicNetworkAccess, "Disabled")
    XCTAssertEqual(facts.defaultAction, "Allow")
    XCTAssertEqual(facts.networkRuleBypassOptions, "None")
    XCTAssertEqual(facts.providerRegistrationState, "NotRegistered")
    XCTAssertEqual(state.questions.answers[.privateEndpoints], nil, "don't know is no answer")
    XCTAssertEqual(state.treeRows.first { $0.isLikely && $0.depth == 1 }?.node, state.diagnosis.openedNode)
    // The engine's report is kept: the answers can be changed and applied again.
    XCTAssertFalse(state.baseReport?.findings.map(\.id).contains(.publicNetworkAccessDisabled) ?? true)
  }

  func testTheExportCarriesTheReportRecomputedWithTheAnswers() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s6]))
    press(&state, .char("a"), .char("n"), .enter)
    let effects = press(&state, .char("x"), .char("j"), .enter)
    guard case .export(let job)? = effects.first else { return XCTFail("no export: \(effects)") }
    XCTAssertTrue(job.report.findings.map(\.id).contains(.resourceProviderNotRegistered), "what is on screen")
    XCTAssertFalse(state.baseReport?.findings.map(\.id).contains(.resourceProviderNotRegistered) ?? true)
  }

  func testTrustedServicesAllowedLeavesThatFindingOut() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s9]))
    press(&state, .char("a"), .char("y"), .char("n"), .char("y"), .char("n"), .enter)
    XCTAssertFalse(state.findingIDs.contains(.trustedServicesNotAllowed))
    XCTAssertTrue(state.findingIDs.contains(.serviceCannotReachRestrictedRegistry))
  }

  func testEscapeKeepsTheEarlierAnswers() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s6]))
    let before = state.findingIDs
    press(&state, .char("a"), .char("n"), .escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(state.questions.answers, [:])
    XCTAssertEqual(state.findingIDs, before)
  }

  func testEnterOnTheQuestionsNodeOpensThem() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s6]))
    state.moveTreeCursor(to: .extra(.questions))
    press(&state, .enter)
    XCTAssertEqual(state.overlay, .azureQuestions)
  }

  func testAnswersSurviveARerun() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s6]))
    press(&state, .char("a"), .char("n"), .enter)
    XCTAssertTrue(state.findingIDs.contains(.resourceProviderNotRegistered))
    press(&state, .char("r"))
    let effects = update(&state, .reportReady(run: state.run, AzureFixtures.report(symptoms: [.s6])))
    XCTAssertEqual(effects, [])
    XCTAssertEqual(state.questions.answers, [.providerRegistered: .no])
    XCTAssertTrue(state.findingIDs.contains(.resourceProviderNotRegistered), "re-applied to the new report")
  }

  func testTheInjectedRecomputationIsUsed() {
    var config = Fixtures.config()
    config.rediagnose = { base, azure in
      var report = base
      report.conclusion.summary = "recomputed with \(azure.state.rawValue)"
      return report
    }
    var state = AppState(config: config, registry: "contoso", symptoms: [.s6])
    press(&state, .enter, .enter)
    _ = update(&state, .reportReady(run: state.run, AzureFixtures.report(symptoms: [.s6])))
    XCTAssertEqual(state.status?.kind, .info, "the wizard says the questions are there")
    XCTAssertTrue(state.status?.text.contains("press a") ?? false)
    press(&state, .char("a"), .char("y"), .enter)
    XCTAssertEqual(state.report?.conclusion.summary, "recomputed with answered-by-user")
  }

  func testQuestionsShowTheCommandsWithTheRegistryName() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s10, .s6]), size: Size(width: 120, height: 40))
    press(&state, .char("a"))
    let text = view(state, size: state.size).text()
    XCTAssertTrue(text.contains("$ az acr show --name contoso --query publicNetworkAccess -o tsv"), text)
    XCTAssertTrue(text.contains("$ az acr show --name contoso --query networkRuleSet"), text)
    XCTAssertTrue(text.contains("$ az acr show --name contoso --query networkRuleBypassOptions -o tsv"), text)
    XCTAssertTrue(text.contains("$ az acr private-endpoint-connection list -r contoso"), text)
    XCTAssertTrue(text.contains("az provider show -n Microsoft.ContainerRegistry --query registrationState -o tsv"))
  }
}

/// S4, S6…S10 get a branch each with the runbook's advice; further diagnosis is always there.
final class AzureSideBranchTests: XCTestCase {
  func testSelectedAzureSideSymptomsGetABranch() {
    let state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s1, .s4, .s9]))
    let roots = state.treeRows.filter { $0.depth == 0 }.map(\.node)
    XCTAssertTrue(roots.contains(.extra(.symptom(.s4))))
    XCTAssertTrue(roots.contains(.extra(.symptom(.s9))))
    XCTAssertFalse(roots.contains(.extra(.symptom(.s1))), "S1 is diagnosed by the probes")
    XCTAssertEqual(roots.last, .extra(.further))
  }

  func testASymptomBranchShowsItsAdviceAndCommands() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s4]), size: Size(width: 120, height: 40))
    state.moveTreeCursor(to: .extra(.symptom(.s4)))
    press(&state, .enter)
    let children = state.treeRows.filter {
      if case .extra(.symptomAdvice(.s4, _)) = $0.node { return true } else { return false }
    }
    XCTAssertEqual(children.count, Runbook.symptomAdvice(.s4).count)
    let pane = state.paneLines(width: 60).map(\.text).joined(separator: "\n")
    XCTAssertTrue(pane.contains(Runbook.symptomAdvice(.s4)[0].title(.en)), pane)
    // The AKS check, with the login server filled in.
    state.moveTreeCursor(to: .extra(.symptomAdvice(.s4, 1)))
    press(&state, .enter)
    XCTAssertEqual(state.diagnosis.focus, .pane)
    let advice = state.paneLines(width: 200).map(\.text).joined(separator: "\n")
    XCTAssertTrue(advice.contains("az aks check-acr"), advice)
    XCTAssertTrue(advice.contains("--acr contoso.azurecr.io"), advice)
  }

  func testSettingsSymptomsLeadToTheResourceProvider() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s6]), language: .ja)
    state.moveTreeCursor(to: .extra(.symptom(.s6)))
    press(&state, .right, .down, .enter)
    let pane = state.paneLines(width: 200).map(\.text).joined(separator: "\n")
    XCTAssertTrue(pane.contains("az provider register --namespace Microsoft.ContainerRegistry"), pane)
    XCTAssertTrue(pane.contains("設定を変更します"), "a remedy that changes something says so")
  }

  func testFurtherDiagnosisIsReachableByKeyboard() {
    var state = AzureFixtures.state(AzureFixtures.report(symptoms: []))
    for _ in 0..<40 { press(&state, .down) }
    XCTAssertEqual(state.treeRows[state.diagnosis.tree.cursor].node, .extra(.further))
    press(&state, .right)
    let items = state.treeRows.filter {
      if case .extra(.furtherItem) = $0.node { return true } else { return false }
    }
    XCTAssertEqual(items.count, Runbook.furtherDiagnosis.count)
    press(&state, .down, .right)
    XCTAssertEqual(state.diagnosis.openedNode, .extra(.furtherItem(0)))
    var pane = state.paneLines(width: 200).map(\.text).joined(separator: "\n")
    XCTAssertTrue(pane.contains("az acr check-health --name contoso --vnet"), pane)
    press(&state, .left)  // back to the tree
    for _ in 0..<3 { press(&state, .down) }
    press(&state, .enter)
    XCTAssertEqual(state.diagnosis.openedNode, .extra(.furtherItem(3)))
    pane = state.paneLines(width: 400).map(\.text).joined(separator: "\n")
    XCTAssertTrue(pane.contains("ContainerRegistryLoginEvents"), pane)
  }
}
