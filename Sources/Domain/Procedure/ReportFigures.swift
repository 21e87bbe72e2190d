import Foundation

/// One figure of a report, named by its JSON path with dots (`visits.by_purpose.complaint`);
/// `value` nil stands for JSON `null`.
public struct ReportFigure: Sendable, Hashable {
    public let metric: String
    public let value: String?

    public init(_ metric: String, _ value: String?) {
        self.metric = metric
        self.value = value
    }
}

extension ReportSummary {
    /// Every figure in document order: `from`, `to`, `time_zone`, then visits, sessions (officers
    /// sorted by id) and the duration statistics; map keys in the contract's enum order.
    public var figures: [ReportFigure] {
        var rows = [ReportFigure("from", from.iso8601), ReportFigure("to", to.iso8601),
                    ReportFigure("time_zone", timeZone), ReportFigure("visits.total", String(visitsTotal))]
        func add<Value: ContractValue>(_ prefix: String, _ map: [Value: Int]) {
            for key in Value.allCases { rows.append(ReportFigure("\(prefix).\(key.rawValue)", String(map[key] ?? 0))) }
        }
        add("visits.by_purpose", byPurpose)
        add("visits.by_decision", byDecision)
        add("visits.by_status", byStatus)
        rows.append(ReportFigure("sessions.total", String(sessionsTotal)))
        add("sessions.by_outcome", byOutcome)
        add("sessions.by_platform", byPlatform)
        for officer in byOfficer.keys.sorted() {
            rows.append(ReportFigure("sessions.by_officer.\(officer.rawValue)", String(byOfficer[officer] ?? 0)))
        }
        for (name, stats) in [("waiting_seconds", waitingSeconds), ("session_seconds", sessionSeconds)] {
            rows.append(ReportFigure("\(name).median", stats.median.map(String.init)))
            rows.append(ReportFigure("\(name).p90", stats.p90.map(String.init)))
        }
        return rows
    }

    /// The CSV form (RFC 4180): a `metric,value` header, one row per figure, CRLF line ends,
    /// `null` as an empty value.
    public var csv: String {
        var text = "metric,value\r\n"
        for figure in figures {
            text += CSVField.escape(figure.metric) + "," + CSVField.escape(figure.value ?? "") + "\r\n"
        }
        return text
    }
}

/// RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.
enum CSVField {
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
