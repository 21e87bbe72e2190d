import Foundation
import HTTPTestClient
import Testing

/// Staff created through the API and signed in, for tests that need people in positions.
struct Person {
    let id: String
    let username: String
    let token: String
}

extension LiveAPI {
    static let password = "Baturaja-Kopi-2026!"

    /// Creates a staff account as the admin and signs it in.
    func person(_ username: String, roles: [String] = [], nip: String? = nil) throws -> Person {
        var body: [String: Any] = ["name": "Staf \(username)", "username": username, "roles": roles,
                                   "password": Self.password]
        if let nip { body["nip"] = nip }
        let created = try call("POST", "/v1/staff", body)
        guard created.status == 201, let id = created.object["id"] as? String else {
            throw TestFailure("creating \(username): \(created.status) \(created.text)")
        }
        return Person(id: id, username: username, token: try login(username))
    }

    func login(_ username: String, password: String = LiveAPI.password) throws -> String {
        let response = try call("POST", "/v1/auth/token", ["username": username, "password": password], token: nil)
        guard response.status == 200, let token = response.object["token"] as? String else {
            throw TestFailure("login \(username): \(response.status) \(response.text)")
        }
        return token
    }

    /// Records a tenure as the admin and returns its id.
    @discardableResult
    func tenure(_ person: Person, capacity: String = "definitive", from: String, until: String?) throws -> String {
        var body: [String: Any] = ["staff_id": person.id, "capacity": capacity,
                                   "decree_number": "821/\(person.username)/KPTS/2026", "starts_on": from]
        if let until { body["ends_on"] = until }
        let response = try call("POST", "/v1/head-of-office/tenures", body)
        guard response.status == 201, let id = response.object["id"] as? String else {
            throw TestFailure("tenure for \(person.username): \(response.status) \(response.text)")
        }
        return id
    }

    func appointment(_ officer: Person, from: String = "2026-12-03", until: String? = "2026-12-31") -> [String: Any] {
        var body: [String: Any] = ["officer_id": officer.id, "decree_number": "800/123/KPTS/DPMPTSP/2026",
                                   "decree_date": "2026-12-02", "effective_from": from]
        if let until { body["effective_until"] = until }
        return body
    }
}
