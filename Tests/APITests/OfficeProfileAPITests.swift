import Domain
import Foundation
import HTTPTestClient
import Testing

/// Replicability (art. 7 e): another regency runs the same build with its own queue prefix and
/// desk names, from configuration only.
@Suite("A configured office profile")
struct OfficeProfileAPITests {
    @Test func queuePrefixAndDeskLabelsComeFromConfiguration() throws {
        let live = try LiveAPI { configuration in
            configuration.adminToken = LiveAPI.adminToken
            configuration.officeProfile = try! OfficeProfile(
                officeName: "DPMPTSP Kabupaten Contoh", regency: "Contoh", timeZone: .jakarta, queuePrefix: "KLP",
                deskLabels: [.frontOfficeCounter: "Loket Front Office", .complaintsDesk: "Meja Pengaduan"])
        }
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let routed = try desk.visit(try desk.applicant())
        #expect(routed.status == 201)
        #expect(routed.object["queue_number"] as? String == "KLP-001")
        let refused = try desk.visit(try desk.applicant(nik: FrontDesk.nik(2), name: "Siti"), purpose: "complaint", platform: nil)
        #expect(refused.object["status"] as? String == "refused")
        #expect((refused.object["refusal_reason"] as? String)?.contains("Meja Pengaduan") == true)
    }
}
