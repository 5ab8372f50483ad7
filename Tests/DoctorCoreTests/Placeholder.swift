import XCTest
final class PlaceholderDoctorCoreTests: XCTestCase { func testNothing() {} }
