/// Where two key/value states differ, so a root mismatch can be explained by keys rather than
/// "root differs".
public struct StateDiff: Sendable, Equatable {
    /// How one key differs.
    public enum Change: String, Sendable {
        case onlyInFirst = "only in first"
        case onlyInSecond = "only in second"
        case valueDiffers = "value differs"
    }

    /// The first differing key in key order, and how it differs.
    public var first: (key: [UInt8], change: Change)?
    /// The last differing key in key order.
    public var lastKey: [UInt8]?
    public var onlyInFirst = 0
    public var onlyInSecond = 0
    public var valueDiffers = 0

    /// Total number of differing keys.
    public var count: Int { onlyInFirst + onlyInSecond + valueDiffers }

    public static func == (a: StateDiff, b: StateDiff) -> Bool {
        a.first?.key == b.first?.key && a.first?.change == b.first?.change && a.lastKey == b.lastKey
            && a.onlyInFirst == b.onlyInFirst && a.onlyInSecond == b.onlyInSecond && a.valueDiffers == b.valueDiffers
    }

    /// No difference yet: ``record(_:_:)`` adds them in key order.
    init() {}

    /// Adds a differing key; keys come in increasing order.
    mutating func record(_ key: UnsafeBufferPointer<UInt8>, _ change: Change) {
        if first == nil { first = (Array(key), change) }
        lastKey = Array(key)
        switch change {
        case .onlyInFirst: onlyInFirst += 1
        case .onlyInSecond: onlyInSecond += 1
        case .valueDiffers: valueDiffers += 1
        }
    }

    /// Compares two states (any order; duplicate keys: the last value wins, as in the trie).
    public init(_ first: [([UInt8], [UInt8])], _ second: [([UInt8], [UInt8])]) {
        let a = Self.sortedUnique(first)
        let b = Self.sortedUnique(second)
        var i = 0
        var j = 0
        func note(_ key: [UInt8], _ change: Change) {
            if self.first == nil { self.first = (key, change) }
            lastKey = key
            switch change {
            case .onlyInFirst: onlyInFirst += 1
            case .onlyInSecond: onlyInSecond += 1
            case .valueDiffers: valueDiffers += 1
            }
        }
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].0.lexicographicallyPrecedes(b[j].0)) {
                note(a[i].0, .onlyInFirst)
                i += 1
            } else if i == a.count || b[j].0.lexicographicallyPrecedes(a[i].0) {
                note(b[j].0, .onlyInSecond)
                j += 1
            } else {
                if a[i].1 != b[j].1 { note(a[i].0, .valueDiffers) }
                i += 1
                j += 1
            }
        }
    }

    private static func sortedUnique(_ pairs: [([UInt8], [UInt8])]) -> [([UInt8], [UInt8])] {
        var latest: [[UInt8]: Int] = [:]
        for (index, pair) in pairs.enumerated() { latest[pair.0] = index }
        return latest.values.sorted().map { pairs[$0] }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
    }
}
