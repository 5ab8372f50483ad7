import XCTest
final class PlaceholderWizardUITests: XCTestCase { func testNothing() {} }
