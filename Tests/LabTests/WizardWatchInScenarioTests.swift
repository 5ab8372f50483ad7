import Foundation
import XCTest

/// The wizard's watch (`w`) on a real faulty network: SYNs to the registry are dropped, the user presses `w`, the
/// test removes the drop mid-watch, and the pane must end by itself saying healed. With REGDOCTOR_SHOT_DIR set it
/// also leaves the screens (tmux's SGR capture) there for scripts/screenshots.
final class WizardWatchInScenarioTests: XCTestCase {
  func testTheWatchPaneSaysHealedWhenTheDropIsRemovedMidWatch() throws {
    try LabEnvironment.requireLab(tools: ["ip", "nft", "dnsmasq", "tmux"])
    let lab = try ScenarioLab(.synDropped)
    defer { lab.destroy() }
    let tmux = LabTmux()
    defer { tmux.kill() }
    try tmux.startWizard(in: lab, timeout: "1")

    let tree = try tmux.walkToTheDecisionTree()
    XCTAssertTrue(tree.contains("w watch"), "the help bar names the key:\n\(tree)")
    tmux.keys("w")
    try tmux.waitFor("Watching until healed")
    // The second look re-runs only the login server's probes; then the drop goes.
    let watching = try tmux.waitFor("re-ran: dns.login-server", seconds: 30)
    XCTAssertTrue(watching.contains("✖ tcp-connect-timeout"), watching)
    XCTAssertTrue(watching.contains("w stop watching"), watching)
    try tmux.saveShot("watch")
    try lab.removeFirewall()
    let healed = try tmux.waitFor("Healed at", seconds: 30)
    XCTAssertTrue(healed.contains("healed: no-network-problem"), healed)
    XCTAssertTrue(healed.contains("cleared: tcp-connect-timeout"), healed)
    XCTAssertTrue(healed.contains("Conclusion: "), healed)
    XCTAssertFalse(healed.contains("w stop watching"), "the watch ended by itself:\n\(healed)")
    try tmux.saveShot("watch-healed")
    tmux.keys("q")
    try tmux.waitForExit()
  }
}
