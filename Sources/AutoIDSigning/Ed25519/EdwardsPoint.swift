/// A point of edwards25519, the curve -x² + y² = 1 + d·x²·y² over GF(2^255 - 19) (RFC 8032 5.1), in
/// extended coordinates: x = X/Z, y = Y/Z, x·y = T/Z (Hisil, Wong, Carter, Dawson 2008).
///
/// Every coordinate is a reduced ``FieldElement`` (limbs below 2^52). Variable time: public points only.
struct EdwardsPoint: Sendable {
    var x, y, z, t: FieldElement

    static let identity = EdwardsPoint(x: .zero, y: .one, z: .one, t: .zero)

    /// d = -121665/121666.
    static let d: FieldElement = -(FieldElement(121665) * FieldElement(121666).inverted())
    /// 2·d, reduced.
    static let d2: FieldElement = (d + d).carried()

    /// The base point B of RFC 8032 (y = 4/5, x even), from its published encoding.
    static let base: EdwardsPoint = {
        let encoding: [UInt8] = [0x58] + [UInt8](repeating: 0x66, count: 31)
        return encoding.withUnsafeBytes { EdwardsPoint(decoding: $0)! }
    }()

    /// The point whose encoding is the 32 bytes at `bytes` (RFC 8032 5.1.3: y, then the sign of x in
    /// bit 255), or `nil` when no point has that y. As libsodium does, y is taken modulo p and x = 0
    /// with the sign bit set is accepted: callers that must reject non-canonical or small-order
    /// encodings check ``FieldElement/isCanonicalEncoding(_:)`` and ``hasSmallOrder(_:)`` first.
    init?(decoding bytes: UnsafeRawBufferPointer) {
        let y = FieldElement(bytes: bytes)
        let yy = y.squared()
        let u = yy - .one
        let v = yy * Self.d + .one
        // x = u·v³·(u·v⁷)^((p-5)/8) is a square root of u/v when one exists, up to a factor √-1.
        let v3 = v.squared() * v
        let v7 = v3.squared() * v
        var x = u * v3 * (u * v7).power2252Minus3()
        let vxx = v * x.squared()
        if !(vxx - u).isZero {
            guard (vxx + u).isZero else { return nil }
            x = x * FieldElement.sqrtMinusOne
        }
        if x.isNegative != (bytes[31] >> 7 == 1) { x = -x }
        self.init(x: x, y: y, z: .one, t: x * y)
    }

    init(x: FieldElement, y: FieldElement, z: FieldElement, t: FieldElement) {
        self.x = x
        self.y = y
        self.z = z
        self.t = t
    }

    /// The encoding (RFC 8032 5.1.2): y reduced below p, the parity of x in bit 255.
    var encoded: [UInt8] {
        let inverse = z.inverted()
        var bytes = (y * inverse).encoded
        if (x * inverse).isNegative { bytes[31] |= 0x80 }
        return bytes
    }

    /// Whether the encoding's y, bit 255 ignored and taken modulo p, is one of a point of order 1, 2,
    /// 4 or 8: 1, -1, 0 and the two y of the order-8 points. This is libsodium's test
    /// (`ge25519_has_small_order`), whose list also holds p and p + 1, the only non-canonical
    /// encodings of those values below 2^255.
    static func hasSmallOrder(_ bytes: UnsafeRawBufferPointer) -> Bool {
        smallOrderY.contains(FieldElement(bytes: bytes).encoded)
    }

    /// The canonical encodings of the y coordinates of the points of small order.
    static let smallOrderY: [[UInt8]] = [
        [0] + [UInt8](repeating: 0, count: 31),  // order 4 (x = ±√-1)
        [1] + [UInt8](repeating: 0, count: 31),  // order 1 (the identity)
        [0xec] + [UInt8](repeating: 0xff, count: 30) + [0x7f],  // order 2: p - 1
        // Order 8 (published, e.g. in libsodium's list; their order is tested).
        [
            0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
            0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
        ],
        [
            0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
            0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
        ],
    ]

    // MARK: Addition and doubling

    /// The point in the form additions take it: (Y + X, Y - X, Z, 2d·T).
    var cached: CachedPoint {
        CachedPoint(yPlusX: (y + x).carried(), yMinusX: y - x, z: z, t2d: t * Self.d2)
    }

    /// `self + q`.
    func adding(_ q: CachedPoint) -> EdwardsPoint {
        let a = (y + x) * q.yPlusX
        let b = (y - x) * q.yMinusX
        let c = t * q.t2d
        let zz = z * q.z
        let d = zz + zz
        return Completed(x: a - b, y: a + b, z: d + c, t: d - c).extended
    }

    /// `self + q`, q affine.
    func adding(_ q: NielsPoint) -> EdwardsPoint {
        let a = (y + x) * q.yPlusX
        let b = (y - x) * q.yMinusX
        let c = t * q.xy2d
        let d = z + z
        return Completed(x: a - b, y: a + b, z: d + c, t: d - c).extended
    }

    /// `self - q`, q affine: the addition with -q = (y - x, y + x, -2d·x·y) read from q as it is.
    func subtracting(_ q: NielsPoint) -> EdwardsPoint {
        let a = (y + x) * q.yMinusX
        let b = (y - x) * q.yPlusX
        let c = t * q.xy2d
        let d = z + z
        return Completed(x: a - b, y: a + b, z: d - c, t: d + c).extended
    }

    /// `2^count · self` (count at least 1); the steps between skip T, which only additions need.
    func doubled(times count: Int) -> EdwardsPoint {
        precondition(count >= 1)
        var p = Projective(x: x, y: y, z: z)
        for _ in 1..<count { p = p.doubled().projective }
        return p.doubled().extended
    }
}

/// A point as (X : Y : Z), x = X/Z, y = Y/Z: the input of a doubling.
struct Projective {
    var x, y, z: FieldElement

    /// `2·self` (the a = -1 doubling formulas, "dbl-2008-hwcd").
    func doubled() -> Completed {
        let xx = x.squared()
        let yy = y.squared()
        let zz = z.squared()
        let zz2 = zz + zz
        let sum = (x + y).squared()
        let yyPlusXX = yy + xx
        let yyMinusXX = yy - xx
        return Completed(x: sum - yyPlusXX, y: yyPlusXX, z: yyMinusXX, t: zz2 - yyMinusXX)
    }
}

/// A sum or double before its last multiplications: x = X/Z, y = Y/T. Coordinates below 2^54.
struct Completed {
    var x, y, z, t: FieldElement

    var extended: EdwardsPoint { EdwardsPoint(x: x * t, y: y * z, z: z * t, t: x * y) }
    var projective: Projective { Projective(x: x * t, y: y * z, z: z * t) }
}

/// A point as additions take it: (Y + X, Y - X, Z, 2d·T).
struct CachedPoint: Sendable {
    var yPlusX, yMinusX, z, t2d: FieldElement
}

/// An affine point as additions take it: (y + x, y - x, 2d·x·y), Z = 1.
struct NielsPoint: Sendable {
    var yPlusX, yMinusX, xy2d: FieldElement
}
