import Domain
import Web

/// The JSON form of `ReportSummary` (openapi `ReportSummary`): every `by_…` map lists every
/// key of its vocabulary in the contract's order, 0 when nothing happened.
enum ReportPayloads {
    static func write(_ summary: ReportSummary, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("from", summary.from.iso8601)
        writer.field("to", summary.to.iso8601)
        writer.field("time_zone", summary.timeZone)
        writer.key("visits")
        writer.beginObject()
        writer.field("total", summary.visitsTotal)
        counts("by_purpose", summary.byPurpose, to: &writer)
        counts("by_decision", summary.byDecision, to: &writer)
        counts("by_status", summary.byStatus, to: &writer)
        writer.endObject()
        writer.key("sessions")
        writer.beginObject()
        writer.field("total", summary.sessionsTotal)
        counts("by_outcome", summary.byOutcome, to: &writer)
        counts("by_platform", summary.byPlatform, to: &writer)
        writer.key("by_officer")
        writer.beginObject()
        for officer in summary.byOfficer.keys.sorted() { writer.field(officer.rawValue, summary.byOfficer[officer] ?? 0) }
        writer.endObject()
        writer.endObject()
        stats("waiting_seconds", summary.waitingSeconds, to: &writer)
        stats("session_seconds", summary.sessionSeconds, to: &writer)
        writer.endObject()
    }

    private static func counts<Value: ContractValue>(_ name: String, _ map: [Value: Int], to writer: inout JSONWriter) {
        writer.key(name)
        writer.beginObject()
        for value in Value.allCases { writer.field(value.rawValue, map[value] ?? 0) }
        writer.endObject()
    }

    private static func stats(_ name: String, _ stats: DurationStats, to writer: inout JSONWriter) {
        writer.key(name)
        writer.beginObject()
        writer.key("median")
        if let median = stats.median { writer.int(median) } else { writer.null() }
        writer.key("p90")
        if let p90 = stats.p90 { writer.int(p90) } else { writer.null() }
        writer.endObject()
    }
}
