import Domain
import Testing

@Suite struct StaffTests {
    let today = day("2026-12-03")

    @Test(arguments: ["abc", "yoki.februansyah", "front_office-2", String(repeating: "a", count: 32)])
    func acceptsUsernames(_ text: String) throws {
        #expect(try Username(text).text == text)
    }

    @Test(arguments: [("ab", "username.length"), (String(repeating: "a", count: 33), "username.length"),
                      ("Yoki", "username.characters"), ("yoki febri", "username.characters"),
                      ("yöki", "username.characters"), ("yoki@dinas", "username.characters")])
    func rejectsUsernames(_ text: String, _ code: String) {
        #expect(validationCodes { () throws(ValidationError) in _ = try Username(text) } == [code])
    }

    @Test func validatesANewStaffMember() throws {
        let staff = try Staff.validated(id: StaffID(rawValue: "s1"), nip: "196602271993031002", name: "  M. Yoki  ",
                                        username: "yoki", roles: ["reporting", "front_office"], today: today)
        #expect(staff.name == "M. Yoki")
        #expect(staff.roles == [.reporting, .frontOffice])
        #expect(staff.isActive && staff.version == 1)
        #expect(staff.mayAct(as: .reporting) && !staff.mayAct(as: .admin))
    }

    @Test func reportsEveryBadFieldAtOnce() {
        let codes = validationCodes { () throws(ValidationError) in
            _ = try Staff.validated(id: StaffID(rawValue: "s1"), nip: "1966", name: " ", username: "Y",
                                    roles: ["admin", "head_of_office"], today: today)
        }
        #expect(codes == ["nip.format", "name.required", "username.length", "roles.unknown"])
    }

    @Test func headOfOfficeAndOfficerAreNotRoles() {
        #expect(Role.allCases.map(\.rawValue).sorted() == ["admin", "front_office", "reporting"])
    }

    @Test func inactiveStaffMayNotActInAnyRole() {
        var staff = Staff(id: StaffID(rawValue: "s1"), nip: nil, name: "Admin", username: try! Username("admin"),
                          roles: [.admin])
        staff.isActive = false
        #expect(!staff.mayAct(as: .admin))
    }
}

@Suite struct DecreeNumberTests {
    @Test func keepsTheTextAsWrittenButTrimmed() throws {
        #expect(try DecreeNumber("  800/123/KPTS/DPMPTSP/2021 ").text == "800/123/KPTS/DPMPTSP/2021")
        #expect(try DecreeNumber(String(repeating: "x", count: 200)).text.count == 200)
    }

    @Test(arguments: [("", "decree_number.required"), (" \t ", "decree_number.required"),
                      (String(repeating: "x", count: 201), "decree_number.too_long"),
                      ("800/1\n23", "decree_number.control_characters")])
    func rejects(_ text: String, _ code: String) {
        #expect(validationCodes { () throws(ValidationError) in _ = try DecreeNumber(text) } == [code])
    }
}
