import DoctorCore
import XCTest

@testable import WizardUI

/// Golden screens of the Azure questions and the command confirmation (REGDOCTOR_RECORD_SNAPSHOTS=1 records).
final class AzureSnapshotTests: XCTestCase {
  private let size = Size(width: 80, height: 24)

  func testQuestionsOverlay() {
    for language in Language.allCases {
      var state = AzureFixtures.state(
        AzureFixtures.report(symptoms: [.s10, .s6], language: language), language: language, size: size)
      press(&state, .char("a"), .char("y"), .char("n"))
      assertSnapshot(view(state, size: size), named: "azure-questions-80x24-\(language.rawValue)")
    }
  }

  func testConfirmOverlayOfAChangingCommand() {
    for language in Language.allCases {
      var state = AzureFixtures.state(
        AzureFixtures.report(symptoms: [.s9], language: language), language: language, size: size)
      state.moveTreeCursor(to: .extra(.symptom(.s9)))
      press(&state, .right)
      state.moveTreeCursor(to: .extra(.symptomAdvice(.s9, 1)))
      press(&state, .enter, .char("!"), .down, .enter)
      assertSnapshot(view(state, size: size), named: "confirm-command-80x24-\(language.rawValue)")
    }
  }

  func testConfirmOverlayOfARefusedCommand() {
    for language in Language.allCases {
      var state = AzureFixtures.state(
        AzureFixtures.report(symptoms: [.s6], language: language), language: language, size: size)
      state.moveTreeCursor(to: .extra(.symptom(.s6)))
      press(&state, .right, .down, .char("!"), .down, .enter)
      assertSnapshot(view(state, size: size), named: "confirm-refused-80x24-\(language.rawValue)")
    }
  }
}
