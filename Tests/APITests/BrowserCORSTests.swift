import Foundation
import HTTPTestClient
import Testing

private let chromiumPath = "/usr/bin/chromium"

/// A loopback HTTP server (`python3 -m http.server`) serving one directory: a page origin
/// other than the API's.
final class PageServer {
    let process = Process()
    let port: Int

    init(directory: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import http.server, os, sys
            os.chdir(sys.argv[1])
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """, directory]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestFailure("page server did not start: \(line)")
        }
        self.port = port
    }

    /// SIGKILL: children of the test runner inherit its blocked signal mask, so SIGTERM
    /// would stay pending forever.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A real browser calls the API from another origin: headless Chromium loads a page whose
/// script sends preflighted requests (`Authorization`, `Idempotency-Key`) and writes what it
/// could read into the DOM, which `--dump-dom` prints.
@Suite("CORS from a real browser", .enabled(if: FileManager.default.isExecutableFile(atPath: chromiumPath)))
struct BrowserCORSTests {
    static let chromium = chromiumPath

    static func page(apiPort: Int) -> String {
        """
        <!doctype html><html><body><pre id="out">pending</pre><script>
        const api = "https://localhost:\(apiPort)";
        const auth = {"Authorization": "Bearer \(LiveAPI.adminToken)"};
        const out = document.getElementById("out");
        (async () => {
          try {
            const list = await fetch(api + "/v1/staff", {headers: auth});
            const body = await list.json();
            let text = "get=" + list.status + " items=" + body.items.length
              + " rid=" + (list.headers.get("X-Request-Id") ? "yes" : "no");
            const created = await fetch(api + "/v1/staff", {method: "POST",
              headers: {...auth, "Content-Type": "application/json", "Idempotency-Key": "browser-1"},
              body: JSON.stringify({name: "Staf Peramban", username: "peramban", password: "Baturaja-Kopi-2026!"})});
            text += " post=" + created.status + " location=" + (created.headers.get("Location") || "none").split("/")[2];
            out.textContent = text;
          } catch (error) {
            out.textContent = "error=" + error.name;
          }
        })();
        </script></body></html>
        """
    }

    /// What the page wrote into `<pre id="out">`.
    static func renderedOutput(url: String, profile: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-s", "KILL", "60", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--ignore-certificate-errors",
                             "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let start = dom.range(of: #"<pre id="out">"#), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw TestFailure("no output element in the dumped DOM: \(dom.prefix(500))")
        }
        return String(dom[start.upperBound..<end.lowerBound])
    }

    @Test func allowedOriginReadsResponsesAndOtherOriginIsBlocked() throws {
        let directory = NSTemporaryDirectory() + "klipso-cors-page-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let allowedPages = try PageServer(directory: directory)
        defer { allowedPages.stop() }
        let otherPages = try PageServer(directory: directory)
        defer { otherPages.stop() }

        let live = try LiveAPI {
            $0.adminToken = LiveAPI.adminToken
            $0.corsOrigins = ["http://127.0.0.1:\(allowedPages.port)"]
        }
        defer { live.stop() }
        try Self.page(apiPort: live.application.port).write(toFile: directory + "/page.html", atomically: true, encoding: .utf8)

        let allowed = try Self.renderedOutput(url: "http://127.0.0.1:\(allowedPages.port)/page.html",
                                              profile: directory + "/profile-a")
        #expect(allowed == "get=200 items=1 rid=yes post=201 location=staff")
        let blocked = try Self.renderedOutput(url: "http://127.0.0.1:\(otherPages.port)/page.html",
                                              profile: directory + "/profile-b")
        #expect(blocked == "error=TypeError")
        // The blocked page's preflight never let its POST through: one staff member was created.
        #expect(try live.call("GET", "/v1/staff").items.count == 2)
    }
}
