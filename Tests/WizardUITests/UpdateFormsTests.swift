import DoctorCore
import XCTest

@testable import WizardUI

final class RegistryScreenTests: XCTestCase {
  func testPrefilledRegistryValidatesOnEnterAndMovesOn() {
    var state = AppState(config: Fixtures.config(), registry: "contoso", regions: ["japaneast"])
    XCTAssertEqual(state.keyContext, .registryForm)
    XCTAssertEqual(press(&state, .enter), [])
    XCTAssertEqual(state.screen, .symptoms)
    XCTAssertEqual(state.target?.host, "contoso.azurecr.io")
    XCTAssertEqual(state.target?.dataEndpoints, ["contoso.japaneast.data.azurecr.io"])
  }

  func testTypingGoesIntoTheFocusedFieldEvenLettersThatAreKeysElsewhere() {
    var state = AppState(config: Fixtures.config())
    type(&state, "qjk")
    XCTAssertEqual(state.registryForm.field.text, "qjk")
    XCTAssertFalse(state.finished)
    press(&state, .backspace, .backspace, .backspace)
    type(&state, "contoso")
    press(&state, .tab)
    XCTAssertEqual(state.registryForm.focus, .regions)
    type(&state, "japaneast, westus")
    press(&state, .up)
    XCTAssertEqual(state.registryForm.focus, .registry)
    press(&state, .enter)
    XCTAssertEqual(
      state.target?.dataEndpoints, ["contoso.japaneast.data.azurecr.io", "contoso.westus.data.azurecr.io"])
  }

  func testInvalidRegistryShowsTheValidatorsMessageAndStays() {
    var state = AppState(config: Fixtures.config(), registry: "bad name;rm")
    press(&state, .enter)
    XCTAssertEqual(state.screen, .registry)
    XCTAssertEqual(state.registryForm.error, "'bad name;rm' is not a registry name or host")
    XCTAssertTrue(view(state, size: state.size).text().contains("is not a registry name"))
    type(&state, "x")
    XCTAssertNil(state.registryForm.error, "editing clears the error")
  }

  func testEmptyRegistryAsksForOne() {
    var state = AppState(config: Fixtures.config(.ja))
    press(&state, .enter)
    XCTAssertEqual(state.registryForm.error, "先にレジストリ名を入力してください。")
  }

  func testErrorGivenAtStartTicksItsSymptoms() {
    let state = AppState(
      config: Fixtures.config(), registry: "contoso", symptoms: [.s4], errorText: "proxyconnect tcp: EOF")
    XCTAssertEqual(state.symptoms.selected, [.s4, .s5])
    XCTAssertEqual(state.symptoms.matchedErrorText, "proxyconnect tcp: EOF")
  }

  func testEscapeQuitsFromTheFirstScreen() {
    var state = AppState(config: Fixtures.config())
    XCTAssertEqual(press(&state, .escape), [.quit])
    XCTAssertTrue(state.finished)
    XCTAssertEqual(update(&state, .key(.enter)), [], "nothing happens after quitting")
  }

  func testTextFieldEditingKeys() {
    var field = TextField("abc")
    field.handle(.left)
    field.handle(.backspace)
    XCTAssertEqual(field.text, "ac")
    field.handle(.home)
    field.handle(.char("症"))
    XCTAssertEqual(field.text, "症ac")
    field.handle(.delete)
    XCTAssertEqual(field.text, "症c")
    field.handle(.ctrl("u"))
    XCTAssertEqual(field.text, "")
    XCTAssertFalse(field.handle(.up))
  }

  func testPasteIsBoundedInLength() {
    var field = TextField()
    for _ in 0..<(TextField.maxLength + 50) { field.handle(.char("a")) }
    XCTAssertEqual(field.text.count, TextField.maxLength)
  }
}

final class SymptomScreenTests: XCTestCase {
  func testSpaceTogglesTheSymptomUnderTheCursor() {
    var state = symptomsState()
    press(&state, .space, .down, .char("j"), .space)
    XCTAssertEqual(state.symptoms.selected, [.s1, .s3])
    press(&state, .char("k"), .char("k"), .space)
    XCTAssertEqual(state.symptoms.selected, [.s3])
  }

  func testCursorStaysInsideTheList() {
    var state = symptomsState()
    press(&state, .up, .up)
    XCTAssertEqual(state.symptoms.list.cursor, 0)
    for _ in 0..<30 { press(&state, .down) }
    XCTAssertEqual(state.symptoms.list.cursor, Fixtures.symptoms.count - 1)
    press(&state, .pageUp)
    XCTAssertLessThan(state.symptoms.list.cursor, Fixtures.symptoms.count - 1)
  }

  func testSlashFiltersAndEscapeClears() {
    var state = symptomsState()
    press(&state, .char("/"))
    XCTAssertEqual(state.keyContext, .symptomFilter)
    type(&state, "proxy")
    XCTAssertEqual(state.visibleSymptoms.map(\.id), [.s5])
    press(&state, .enter)
    XCTAssertEqual(state.keyContext, .symptomList)
    press(&state, .space)
    XCTAssertEqual(state.symptoms.selected, [.s5], "space toggles the filtered row")
    press(&state, .char("/"), .escape)
    XCTAssertEqual(state.visibleSymptoms.count, Fixtures.symptoms.count)
  }

  func testFilterMatchesJapaneseTitlesAndIDs() {
    var state = symptomsState(.ja)
    press(&state, .char("/"))
    type(&state, "プロキシ")
    XCTAssertEqual(state.visibleSymptoms.map(\.id), [.s5])
    press(&state, .ctrl("u"))
    type(&state, "s1")
    XCTAssertEqual(state.visibleSymptoms.map(\.id), [.s1, .s10, .s11])
  }

  func testPastedErrorTicksMatchingSymptoms() {
    var state = symptomsState()
    press(&state, .char("e"))
    XCTAssertEqual(state.keyContext, .symptomError)
    type(&state, "proxyconnect tcp: EOF and lookup failed")
    press(&state, .enter)
    XCTAssertEqual(state.symptoms.selected, [.s1, .s5])
    XCTAssertEqual(state.symptoms.matchedErrorText, "proxyconnect tcp: EOF and lookup failed")
    XCTAssertEqual(state.status?.text, "Ticked from the error: S1, S5 → proxy-connection-closed")
    XCTAssertEqual(state.keyContext, .symptomList)
  }

  func testPastedErrorShowsTheFactsItNamesBeforeProbing() {
    var state = symptomsState()
    press(&state, .char("e"))
    type(
      &state,
      "Get https://contoso.azurecr.io/v2/: proxyconnect tcp: dial tcp 10.0.0.3:3128: connect: connection refused")
    press(&state, .enter)
    XCTAssertEqual(
      state.status?.text,
      "Ticked from the error: S5 — proxy 10.0.0.3:3128 · host contoso.azurecr.io → proxy-unreachable")
  }

  func testUnmatchedErrorSaysSo() {
    var state = symptomsState()
    press(&state, .char("e"))
    type(&state, "something else")
    press(&state, .enter)
    XCTAssertEqual(state.symptoms.selected, [])
    XCTAssertEqual(state.status?.kind, .info)
  }

  func testEscapeInTheErrorFieldRestoresTheLastMatchedText() {
    var state = symptomsState()
    press(&state, .char("e"))
    type(&state, "half typed")
    press(&state, .escape)
    XCTAssertEqual(state.symptoms.errorField.text, "")
    XCTAssertNil(state.symptoms.matchedErrorText)
  }

  func testEnterStartsTheDiagnosisWithTheChosenSymptoms() {
    var state = symptomsState()
    press(&state, .down, .space)
    let effects = press(&state, .enter)
    XCTAssertEqual(
      effects,
      [
        .startDiagnosis(
          WizardDiagnosis(run: 1, registry: Fixtures.target, symptoms: [.s2], errorText: nil, language: .en))
      ])
    XCTAssertEqual(state.screen, .probes)
    XCTAssertEqual(state.runPhase, .running)
  }

  func testBackReturnsToTheRegistry() {
    var state = symptomsState()
    press(&state, .escape)
    XCTAssertEqual(state.screen, .registry)
    XCTAssertEqual(state.registryForm.field.text, "contoso")
  }

  func testQuitWithoutRunningProbesQuitsAtOnce() {
    var state = symptomsState()
    XCTAssertEqual(press(&state, .char("q")), [.quit])
  }
}
