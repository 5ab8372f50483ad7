import XCTest

@testable import WizardUI

/// The list state and the viewport every screen moves and scrolls through.
final class ComponentTests: XCTestCase {
  func testListCursorStaysInsideAndScrollsAsLittleAsPossible() {
    var list = ListState()
    list.move(.moveUp, page: 5)
    list.clamp(count: 10, height: 4)
    XCTAssertEqual(list, ListState(), "no row above the first")
    for _ in 0..<5 { list.move(.moveDown, page: 5) }
    list.clamp(count: 10, height: 4)
    XCTAssertEqual(list.cursor, 5)
    XCTAssertEqual(list.offset, 2, "the cursor is the last visible row")
    XCTAssertEqual(Array(list.visible(count: 10, height: 4)), [2, 3, 4, 5])
    XCTAssertEqual(list.position(count: 10, height: 4), "3-6/10")
    list.move(.pageDown, page: 20)
    list.clamp(count: 10, height: 4)
    XCTAssertEqual(list.cursor, 9)
    XCTAssertEqual(list.offset, 6)
    list.move(.moveUp, page: 5)
    list.clamp(count: 10, height: 4)
    XCTAssertEqual(list.offset, 6, "moving inside the window does not scroll")
    list.home()
    list.clamp(count: 10, height: 4)
    XCTAssertEqual(list.cursor, 0)
    XCTAssertEqual(list.offset, 0)
    list.end(count: 10)
    list.clamp(count: 10, height: 4)
    XCTAssertEqual(list.cursor, 9)
  }

  func testListClampsWhenTheListShrinksOrTheWindowGrows() {
    var list = ListState()
    list.end(count: 30)
    list.clamp(count: 30, height: 5)
    XCTAssertEqual(list.offset, 25)
    list.clamp(count: 8, height: 5)
    XCTAssertEqual(list.cursor, 7)
    XCTAssertEqual(list.offset, 3)
    list.clamp(count: 8, height: 20)
    XCTAssertEqual(list.offset, 0, "everything fits: no scrolling")
    list.clamp(count: 0, height: 5)
    XCTAssertEqual(list, ListState())
    XCTAssertFalse(list.move(.toggle, page: 1), "not a movement")
  }

  func testViewportNeverScrollsPastTheLastFullPage() {
    var viewport = Viewport()
    viewport.scroll(.pageDown, page: 50)
    viewport.clamp(lineCount: 30, height: 10)
    XCTAssertEqual(viewport.offset, 20)
    XCTAssertEqual(Array(viewport.visible(lineCount: 30, height: 10)), Array(20..<30))
    viewport.scroll(.moveUp, page: 9)
    viewport.clamp(lineCount: 30, height: 10)
    XCTAssertEqual(viewport.offset, 19)
    viewport.clamp(lineCount: 5, height: 10)
    XCTAssertEqual(viewport.offset, 0, "short text does not scroll")
    XCTAssertFalse(viewport.scroll(.submit, page: 1))
  }
}
