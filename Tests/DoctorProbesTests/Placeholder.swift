import XCTest

final class PlaceholderDoctorProbesTests: XCTestCase { func testNothing() {} }
