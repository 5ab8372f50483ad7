import XCTest
final class PlaceholderLabTests: XCTestCase { func testNothing() {} }
