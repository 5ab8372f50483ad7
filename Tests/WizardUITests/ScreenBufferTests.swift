import DoctorCore
import WizardUI
import XCTest

final class DisplayWidthTests: XCTestCase {
  func testASCIIIsOneColumnEach() {
    XCTAssertEqual(displayWidth(of: "regdoctor"), 9)
  }

  func testJapaneseIsTwoColumnsEach() {
    XCTAssertEqual(displayWidth(of: "症状"), 4)
    XCTAssertEqual(displayWidth(of: "カタカナ"), 8)
    XCTAssertEqual(displayWidth(of: "（）"), 4)  // fullwidth forms
  }

  func testMixedText() {
    XCTAssertEqual(displayWidth(of: "ACR の症状 S1"), 3 + 1 + 2 + 4 + 1 + 2)
  }

  func testCombiningMarksAddNoWidth() {
    XCTAssertEqual(displayWidth(of: "e\u{0301}"), 1)
    XCTAssertEqual(displayWidth(of: Character("か\u{3099}")), 2)  // が written with a combining voiced mark
    XCTAssertEqual(displayWidth(of: "\u{200B}"), 0)
  }

  func testStatusGlyphsAreNarrowAndEmojiWide() {
    XCTAssertEqual(displayWidth(of: "✔✖!–"), 4)
    XCTAssertEqual(displayWidth(of: "✅"), 2)
    XCTAssertEqual(displayWidth(of: Character("\u{2714}\u{FE0F}")), 2)
  }

  func testControlCharactersHaveNoWidth() {
    XCTAssertEqual(displayWidth(of: "\u{7}"), 0)
  }
}

final class ScreenBufferTests: XCTestCase {
  func testPutWritesTextAndReportsColumns() {
    var buffer = ScreenBuffer(size: Size(width: 10, height: 2))
    XCTAssertEqual(buffer.put("abc", x: 1, y: 0), 3)
    XCTAssertEqual(buffer.text(), " abc\n")
  }

  func testWideCharacterOccupiesTwoCells() {
    var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
    XCTAssertEqual(buffer.put("症状a", x: 0, y: 0), 5)
    XCTAssertEqual(buffer[0, 0].grapheme, "症")
    XCTAssertEqual(buffer[0, 0].width, 2)
    XCTAssertTrue(buffer[1, 0].isContinuation)
    XCTAssertEqual(buffer[2, 0].grapheme, "状")
    XCTAssertEqual(buffer[4, 0].grapheme, "a")
    XCTAssertEqual(buffer.text(), "症状a")
  }

  func testClippingAtTheRightEdgeNeverSplitsAWideCharacter() {
    var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
    buffer.put("ab症状", x: 0, y: 0)  // 状 would need columns 4 and 5
    XCTAssertEqual(buffer.text(), "ab症")
    XCTAssertEqual(buffer[4, 0], Cell(grapheme: " ", width: 1, style: .plain))
  }

  func testClippingAtMaxWidthPadsWithASpace() {
    var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
    buffer.put("xxxxxxxxxx", x: 0, y: 0)
    buffer.put("症状", x: 0, y: 0, maxWidth: 3)
    XCTAssertEqual(buffer.text(), "症 xxxxxxx")
  }

  func testClippingAtTheLeftEdgeKeepsTheVisibleHalfBlank() {
    var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
    buffer.put("症状", x: -1, y: 0)
    XCTAssertEqual(buffer.text(), " 状")
    XCTAssertFalse(buffer[0, 0].isContinuation)
  }

  func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
    buffer.put("症状", x: 0, y: 0)
    buffer.put("x", x: 1, y: 0)  // lands on 症's continuation cell
    XCTAssertEqual(buffer.text(), " x状")
    buffer.put("y", x: 2, y: 0)  // lands on 状's lead cell
    XCTAssertEqual(buffer.text(), " xy")
    XCTAssertFalse(buffer[3, 0].isContinuation)
  }

  func testRowsOutsideTheBufferAreIgnored() {
    var buffer = ScreenBuffer(size: Size(width: 3, height: 1))
    XCTAssertEqual(buffer.put("abc", x: 0, y: 5), 0)
    XCTAssertEqual(buffer.text(), "")
  }

  func testTextTrimsTrailingSpacesPerRow() {
    var buffer = ScreenBuffer(size: Size(width: 8, height: 3))
    buffer.put("a  ", x: 0, y: 0)
    buffer.put("b", x: 7, y: 2)
    XCTAssertEqual(buffer.text(), "a\n\n       b")
  }

  func testStylesAreKeptPerCell() {
    var buffer = ScreenBuffer(size: Size(width: 4, height: 1))
    buffer.put("ab", x: 0, y: 0, style: .fg(.error, bold: true))
    XCTAssertEqual(buffer[0, 0].style, Style(fg: .error, bold: true))
    XCTAssertEqual(buffer[2, 0].style, .plain)
  }
}

final class TextLayoutTests: XCTestCase {
  func testWrapBreaksEnglishAtSpaces() {
    XCTAssertEqual(wrap("the quick brown fox jumps", width: 10), ["the quick", "brown fox", "jumps"])
  }

  func testWrapBreaksJapaneseBetweenCharactersByWidth() {
    let lines = wrap("検査を実行中です。しばらくお待ちください。", width: 10)
    XCTAssertTrue(lines.allSatisfy { displayWidth(of: $0) <= 10 }, "\(lines)")
    XCTAssertEqual(lines.joined(), "検査を実行中です。しばらくお待ちください。")
    XCTAssertFalse(lines.dropFirst().contains { $0.hasPrefix("。") }, "a line starts with 。: \(lines)")
  }

  func testWrapHardBreaksLongWords() {
    XCTAssertEqual(wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
  }

  func testWrapKeepsNewlines() {
    XCTAssertEqual(wrap("a\n\nb", width: 5), ["a", "", "b"])
  }

  func testTruncateByDisplayWidth() {
    XCTAssertEqual(truncate("症状の一覧", width: 6), "症状…")
    XCTAssertEqual(truncate("abcdef", width: 4, ascii: true), "abc~")
    XCTAssertEqual(truncate("abc", width: 3), "abc")
  }
}
