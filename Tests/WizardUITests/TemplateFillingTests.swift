import DoctorCore
import XCTest

@testable import WizardUI

/// The wizard fills every command it shows (a cause's checks, symptom advice, further diagnosis) from one set of
/// values, `templateVars`, through the runbook's one shell-safe filler.
final class TemplateFillingTests: XCTestCase {
  func testACausesChecksAreFilledAsTheRunbookFillsThem() {
    let state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s10]), size: Size(width: 120, height: 40))
    XCTAssertEqual(
      state.templateVars, [.registry: "contoso", .loginServer: "contoso.azurecr.io", .host: "contoso.azurecr.io"])
    for cause in CauseID.allCases {
      let checks = Runbook.cause(cause).checks
      XCTAssertEqual(state.filledChecks(checks), Runbook.checks(of: cause, vars: state.templateVars), "\(cause)")
    }
  }

  func testRemediesUseTheSameValues() {
    let state = AzureFixtures.state(AzureFixtures.report(symptoms: [.s10]), size: Size(width: 120, height: 40))
    XCTAssertEqual(
      state.furtherRemedies,
      Runbook.remedies(from: Runbook.furtherDiagnosis, vars: state.templateVars, language: state.language))
  }
}
