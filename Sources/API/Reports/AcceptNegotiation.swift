import HTTPCore

/// Chooses among the media types a route can produce from the request's `Accept` (RFC 9110
/// §12.5.1): the highest `q` wins, a more specific range outranks a wildcard for the same
/// type, `q=0` excludes, and ties go to the route's first (preferred) type.
///
/// Why it exists: the report summary is the one resource with two representations (JSON and
/// CSV); every other route ignores `Accept` (openapi notes 21).
struct AcceptNegotiation {
    /// Media types the route produces, preferred first, lowercased (`application/json`).
    let offered: [String]

    /// The chosen type; nil when `Accept` names none of them (406). No `Accept` means the first.
    func choose(_ accept: String?) -> String? {
        guard let accept, !accept.allSatisfy({ $0 == " " || $0 == "\t" }) else { return offered.first }
        let ranges = accept.split(separator: ",").compactMap(MediaRange.init)
        var best: (type: String, quality: Double)?
        for type in offered {
            let matching = ranges.filter { $0.matches(type) }
            guard let mostSpecific = matching.max(by: { $0.specificity < $1.specificity }),
                  mostSpecific.quality > 0 else { continue }
            if best == nil || mostSpecific.quality > best!.quality { best = (type, mostSpecific.quality) }
        }
        return best?.type
    }
}

/// One element of `Accept`: `type/subtype;q=0.5`.
private struct MediaRange {
    let type: Substring
    let subtype: Substring
    let quality: Double

    init?(_ element: Substring) {
        let parts = element.split(separator: ";")
        guard let range = parts.first else { return nil }
        let names = range.trimmingASCIISpaces().lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else { return nil }
        type = names[0]
        subtype = names[1]
        var quality = 1.0
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIISpaces().lowercased() == "q" else { continue }
            quality = min(1, max(0, Double(pair[1].trimmingASCIISpaces()) ?? 0))
        }
        self.quality = quality
    }

    /// 2 for `type/subtype`, 1 for `type/*`, 0 for `*/*`.
    var specificity: Int { type == "*" ? 0 : subtype == "*" ? 1 : 2 }

    func matches(_ mediaType: String) -> Bool {
        let names = mediaType.split(separator: "/")
        guard names.count == 2 else { return false }
        return (type == "*" || type == names[0]) && (subtype == "*" || subtype == names[1])
    }
}
