/// The signals closest to a name that was not found, for error messages:
/// those with the same last component (the variable's name) first, then by
/// edit distance over the whole path.
enum SignalCandidates {
    static func closest(to path: String, among candidates: [String], count: Int = 8) -> [String] {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        let ranked = Set(candidates).map { c -> (Int, Int, String) in
            let sameName = (c.split(separator: ".").last.map(String.init) ?? c) == last
            return (sameName ? 0 : 1, distance(path, c), c)
        }
        return ranked.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.prefix(count).map(\.2)
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
