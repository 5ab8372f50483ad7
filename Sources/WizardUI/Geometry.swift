/// A terminal size in columns and rows.
public struct Size: Sendable, Equatable, Hashable {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The smallest terminal the wizard lays out in; below it a notice is shown instead.
  public static let minimum = Size(width: 60, height: 16)

  public func fits(_ other: Size) -> Bool { width >= other.width && height >= other.height }
}

/// A rectangle of cells inside a ScreenBuffer.
public struct Rect: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
}
