/// The multiples of one point that a scalar multiplication by that point reads, so that it takes 43
/// table additions and no doublings instead of some 250 doublings: the scalar is written in signed
/// digits of 6 bits, `Σ d_i·64^i` with d_i in -32...32, and entry `32·i + j` is `(j + 1)·64^i·P`
/// (affine), for i < 43 and j < 32.
///
/// About 165 KB (it stays in L2). Building one costs about as much as eight libsodium verifications,
/// so it pays from a few dozen signatures checked with the same key.
struct FixedBaseTable: Sendable {
    private let entries: [NielsPoint]

    /// Bits per digit.
    static let window = 6
    /// Multiples per position: the largest digit magnitude, 2^(window - 1).
    static let multiples = 1 << (window - 1)
    /// Digits of a scalar below 2^253 (every reduced scalar): 253 bits in 6-bit digits, and the
    /// last one takes the carry.
    static let digitCount = 43

    /// The table of the base point B.
    static let base = FixedBaseTable(EdwardsPoint.base)

    init(_ point: EdwardsPoint) {
        var points: [EdwardsPoint] = []
        points.reserveCapacity(Self.digitCount * Self.multiples)
        var position = point
        for _ in 0..<Self.digitCount {
            let step = position.cached
            var multiple = position
            points.append(multiple)
            for _ in 1..<Self.multiples {
                multiple = multiple.adding(step)
                points.append(multiple)
            }
            // 64·position = 2·(32·position).
            position = multiple.doubled(times: 1)
        }
        // Affine coordinates need every Z inverted: one inversion for all (Montgomery's trick).
        var prefix: [FieldElement] = []
        prefix.reserveCapacity(points.count)
        var product = FieldElement.one
        for point in points {
            prefix.append(product)
            product = product * point.z
        }
        var inverse = product.inverted()
        var entries = [NielsPoint](repeating: NielsPoint(yPlusX: .zero, yMinusX: .zero, xy2d: .zero), count: points.count)
        for index in points.indices.reversed() {
            let zInverse = inverse * prefix[index]
            inverse = inverse * points[index].z
            let x = points[index].x * zInverse
            let y = points[index].y * zInverse
            entries[index] = NielsPoint(yPlusX: (y + x).carried(), yMinusX: y - x, xy2d: x * y * EdwardsPoint.d2)
        }
        self.entries = entries
    }

    /// Adds `scalar·P` to `point`, given the scalar's ``signedDigits(_:into:)`` (`negated`: subtracts it).
    func accumulate(_ digits: UnsafeBufferPointer<Int8>, negated: Bool, into point: inout EdwardsPoint) {
        precondition(digits.count == Self.digitCount)
        entries.withUnsafeBufferPointer { table in
            for position in 0..<Self.digitCount {
                let digit = negated ? -Int(digits[position]) : Int(digits[position])
                let row = position &* Self.multiples
                if digit > 0 {
                    point = point.adding(table[row &+ digit &- 1])
                } else if digit < 0 {
                    point = point.subtracting(table[row &- digit &- 1])
                }
            }
        }
    }

    /// The scalar's ``digitCount`` signed digits of ``window`` bits, each in -32...32:
    /// `scalar = Σ digits[i]·64^i`. The scalar (32 bytes, little-endian) must be below 2^253.
    static func signedDigits(_ scalar: UnsafeRawBufferPointer, into digits: UnsafeMutableBufferPointer<Int8>) {
        precondition(scalar.count == 32 && digits.count == digitCount && scalar[31] < 0x20)
        func bit(_ index: Int) -> Int { index < 256 ? Int(scalar[index >> 3] >> (index & 7)) & 1 : 0 }
        var carry = 0
        for position in 0..<digitCount {
            var value = carry
            for offset in 0..<window { value += bit(position * window + offset) << offset }
            // Digits above 32 become value - 64 and carry one into the next.
            carry = value > multiples ? 1 : 0
            digits[position] = Int8(value - (carry << window))
        }
        precondition(carry == 0)
    }
}
