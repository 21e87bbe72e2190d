import Domain
import Foundation
import HTTPTestClient
import Testing

/// `GET /v1/sessions`: staff and keys with `sessions:read`, filtered by officer and start day, paged.
@Suite("Listing sessions through the API")
struct SessionListTests {
    @Test(arguments: APIBackend.available)
    func listsFilterByOfficerAndDayAndPage(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let serving = try ServingOffice(live)
        let colleague = try live.person("petugas.dua")
        try live.appoint(colleague, by: serving.office.head)
        var mine: [String] = []
        for _ in 0..<3 {
            mine.append(try #require(try live.openSession(try live.arrival(), as: serving.officer).object["id"] as? String))
        }
        let theirs = try #require(try live.openSession(try live.arrival(), as: colleague).object["id"] as? String)
        live.advance(seconds: 24 * 3600)  // 2026-12-04; yesterday's staff tokens have expired
        let rested = Person(id: colleague.id, username: colleague.username, token: try live.login(colleague.username))
        let tomorrow = try #require(try live.openSession(try live.arrival(), as: rested).object["id"] as? String)

        let token = try live.login(serving.office.frontOffice.username)
        let all = try live.call("GET", "/v1/sessions", token: token)
        #expect(all.status == 200 && all.header("ETag") != nil)
        #expect(all.items.compactMap { $0["id"] as? String } == mine + [theirs, tomorrow])
        #expect(all.object["next_cursor"] is NSNull)
        let onDay = try live.call("GET", "/v1/sessions?date=2026-12-03", token: token)
        #expect(onDay.items.compactMap { $0["id"] as? String } == mine + [theirs])
        let colleagues = try live.call("GET", "/v1/sessions?officer_id=\(colleague.id)&date=2026-12-04", token: token)
        #expect(colleagues.items.compactMap { $0["id"] as? String } == [tomorrow])

        var seen: [String] = []
        var path = "/v1/sessions?officer_id=\(serving.officer.id)&limit=2"
        for _ in 0..<5 {
            let page = try live.call("GET", path, token: token)
            #expect(page.status == 200)
            seen += page.items.compactMap { $0["id"] as? String }
            guard let next = page.object["next_cursor"] as? String else { break }
            path = "/v1/sessions?officer_id=\(serving.officer.id)&limit=2&cursor=\(next)"
        }
        #expect(seen == mine)
        let first = try live.call("GET", "/v1/sessions?limit=1", token: token)
        let cursor = try #require(first.object["next_cursor"] as? String)
        #expect(try live.call("GET", "/v1/sessions?limit=1&date=2026-12-03&cursor=\(cursor)", token: token).status == 400)
        #expect(try live.call("GET", "/v1/sessions?date=03-12-2026", token: token).status == 400)
        #expect(try live.call("GET", "/v1/sessions?limit=0", token: token).status == 422)
        let etag = try #require(all.header("ETag"))
        #expect(try live.call("GET", "/v1/sessions", token: token, headers: [("If-None-Match", etag)]).status == 304)

        let reader = try #require(try live.call("POST", "/v1/api-keys", ["name": "e-PTSP", "scopes": ["sessions:read"]])
            .object["key"] as? String)
        let board = try #require(try live.call("POST", "/v1/api-keys", ["name": "Papan", "scopes": ["queue:read"]])
            .object["key"] as? String)
        #expect(try live.call("GET", "/v1/sessions", token: reader).items.count == 5)
        #expect(try live.call("GET", "/v1/sessions/\(theirs)", token: reader).status == 200)
        #expect(try live.call("GET", "/v1/sessions", token: board).status == 403)
        #expect(try live.call("GET", "/v1/sessions/\(theirs)", token: board).status == 403)
        #expect(try live.call("GET", "/v1/sessions", token: nil).status == 401)
        let keyOpening = try live.call("POST", "/v1/sessions", ["visit_id": try live.arrival()], token: reader)
        #expect(keyOpening.status == 403)
    }
}
