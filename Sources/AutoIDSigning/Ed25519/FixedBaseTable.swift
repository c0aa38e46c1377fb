/// The multiples of one point that a scalar multiplication by that point reads, so that it takes 64
/// table additions and 4 doublings instead of some 250 doublings (the layout of the ref10 base-point
/// table, made for any point): entry `8·i + j` is `(j + 1)·256^i·P`, for i < 32 and j < 8, affine.
///
/// About 30 KB; building one costs about as much as one libsodium verification, so it pays from the
/// second signature checked with the same key.
struct FixedBaseTable: Sendable {
    private let entries: [NielsPoint]

    /// The table of the base point B.
    static let base = FixedBaseTable(EdwardsPoint.base)

    init(_ point: EdwardsPoint) {
        var points: [EdwardsPoint] = []
        points.reserveCapacity(256)
        var position = point
        for _ in 0..<32 {
            let step = position.cached
            var multiple = position
            points.append(multiple)
            for _ in 1..<8 {
                multiple = multiple.adding(step)
                points.append(multiple)
            }
            // 256·position = 32·(8·position).
            position = multiple.doubled(times: 5)
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

    /// Adds `digits[k]·16^k·P` for every k to `point`, for the 64 signed digits of a scalar
    /// (``signedDigits(_:)``; `negated` adds `-digits[k]` instead), those of odd or even k only: the
    /// multiplication is `odd`, four doublings, `even`.
    func accumulate(_ digits: UnsafeBufferPointer<Int8>, odd: Bool, negated: Bool, into point: inout EdwardsPoint) {
        entries.withUnsafeBufferPointer { table in
            for k in stride(from: odd ? 1 : 0, to: 64, by: 2) {
                let digit = negated ? -Int(digits[k]) : Int(digits[k])
                if digit > 0 {
                    point = point.adding(table[(k >> 1) &* 8 &+ digit &- 1])
                } else if digit < 0 {
                    point = point.subtracting(table[(k >> 1) &* 8 &- digit &- 1])
                }
            }
        }
    }

    /// The scalar's 64 signed radix-16 digits, each in -8...8: `scalar = Σ digits[k]·16^k`. The
    /// scalar (32 bytes, little-endian) must be below 2^255 (every reduced scalar is below 2^253).
    static func signedDigits(_ scalar: UnsafeRawBufferPointer, into digits: UnsafeMutableBufferPointer<Int8>) {
        precondition(scalar.count == 32 && digits.count == 64 && scalar[31] < 0x80)
        for index in 0..<32 {
            digits[2 * index] = Int8(scalar[index] & 15)
            digits[2 * index + 1] = Int8(scalar[index] >> 4)
        }
        // Digits 8...15 become digit - 16 and carry one into the next.
        var carry: Int8 = 0
        for index in 0..<63 {
            digits[index] += carry
            carry = (digits[index] + 8) >> 4
            digits[index] -= carry << 4
        }
        digits[63] += carry
    }
}
