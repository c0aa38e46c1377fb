import AutoIDCompression
import AutoIDDrive
import Testing

/// Known answers from scripts/generate-cid-vectors.py, an independent implementation (Python, the PyPI
/// `blake3` package, protobuf and DAG-PB written by hand from DESIGN.md section 10). Its printed values
/// are typed in here, so these tests need neither Python nor `blake3`.
@Suite("Auto Drive CIDs: known answers from the independent generator")
struct KnownCIDTests {
    static let chunk = 65_066
    static let links = 1_626

    /// (title, content length of pattern(n) or nil for literal bytes, literal bytes, name, CID)
    static let patternCases: [(Int, String?, String)] = [
        (0, nil, "bafkr6ih74lvviprpgp6afhxbbzlee2y2qa7vgzu3uo32xd7xe4aekv2phy"),
        (0, "empty.bin", "bafkr6ifwnirybv7v7tfxvjtheqpfij5xkzjoquhugxku3elfsznykkxhda"),
        (chunk, nil, "bafkr6iajynukldcod6bviep7us5l63odxmye63c5uwdgbuqrxpcq6quzd4"),
        (chunk, "one.bin", "bafkr6idpilyfkettkh6q2cog74yegeylts6vffxd2ase6ibghbrdfmsrl4"),
        (chunk + 1, nil, "bafkr6iga3z4aavjpgzhw3ojoblycuxtn4k5gpieorlvmstrr55rcntkphe"),
        (chunk + 1, "two.bin", "bafkr6ihsx4bkfdapd6awlyicrjzdcnqa3zr35qdtuyxu4li4tyohpbf73m"),
    ]

    @Test("empty, one chunk, one chunk plus one byte", arguments: patternCases)
    func patterns(length: Int, name: String?, cid: String) throws {
        #expect(try Self.cidOfPattern(length: length, name: name, split: 4096).description == cid)
        #expect(try Self.cidOfPattern(length: length, name: name, split: 1 << 22).description == cid)
    }

    @Test("one byte and short texts, with and without names")
    func literals() throws {
        let cases: [([UInt8], String?, String)] = [
            (Array("a".utf8), nil, "bafkr6ifvthmu7rh3d6xk76kfpnfej3o4axhlnwn35v3btegpqkglptfrsu"),
            (Array("a".utf8), "a.txt", "bafkr6idz5k6d6yjptacixts4ncqihrp7jv55zip2k3mxftfrtzo5yej4hq"),
            (Array("hello world\n".utf8), "hello.txt", "bafkr6idbftayihbd3gc4ig7iajype6ltflxmwiw7jp43sfyjfp5z3z6nh4"),
            (Array("hello world\n".utf8), "h\u{e9}llo w\u{f6}rld \u{6587}\u{4ef6}.txt", "bafkr6iby2zakxi5mqd7gubqwz2mpidzr63q5ttx47noffwfitibo2db72m"),
        ]
        for (content, name, cid) in cases {
            #expect(try FileCIDBuilder.cid(of: content, name: name).description == cid)
        }
    }

    @Test("1,626 chunks: the root links every chunk; one byte more: two levels")
    func largeTrees() throws {
        #expect(
            try Self.cidOfPattern(length: Self.links * Self.chunk, name: nil, split: 3 << 20).description
                == "bafkr6ibgpaw6umgt6yvchtgxym4mfxjdgqaum6zzisrvj26nr4nybefhii")
        #expect(
            try Self.cidOfPattern(length: Self.links * Self.chunk + 1, name: "big.bin", split: 32 * Self.chunk).description
                == "bafkr6icvt537pxv7e25pvmisrtzmalxvkjbsptg4hxattjrxrqhs6fko74")
        #expect(
            try Self.cidOfPattern(length: 3 * Self.links * Self.chunk + 12_345, name: nil, split: 1 << 20).description
                == "bafkr6igkemqnmdvflfls3iazdve366vcd3o4xhlztcefm72xl5tljyo3ty")
    }

    /// zlib -9 (Python's zlib) of `compressibleText`: what Auto Drive stores and returns.
    static let storedHex =
        "78daedd1bb0dc2301400c09e293c01e2ff29233109c8088b40a2d820c667019a5773035c75ddab0de93495774ef79cc79afaf2cc6991866b6ab752d365788c53aeb59cfb9c5afeb4f9acfb499671b28a93759c6ce2641b27bb38d9c7c9214e8e7162dfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbb76fdfbe7dfbf6eddbffeffd2fa25c4e81"

    /// 6,000 lines, "Auto Drive keeps line (i % 10) of this compressible text.\n".
    static var compressibleText: [UInt8] {
        (0..<6000).flatMap { Array("Auto Drive keeps line \($0 % 10) of this compressible text.\n".utf8) }
    }

    @Test("stored compressed form: the CID covers the zlib bytes and records compression level 9")
    func storedCompressed() throws {
        let stored = try #require(Self.bytes(hex: Self.storedHex))
        #expect(stored.count == 1436)
        #expect(
            try FileCIDBuilder.cid(of: stored, name: "notes.txt", options: .zlibLevel9).description
                == "bafkr6ifx6m6hcevywfxwp3o3kwhggiknu6epgdsofjnpslbiazfzmugq6m")
        #expect(
            try FileCIDBuilder.cid(of: stored, name: nil, options: .zlibLevel9).description
                == "bafkr6ia4gouytbwyao4mgezo6y7egjlfdvk5nlukwe6ge6cpxg6kpsswvm")
        // The plain content has a different CID: the options and the bytes differ.
        #expect(
            try FileCIDBuilder.cid(of: Self.compressibleText, name: "notes.txt").description
                == "bafkr6iakrrefucvuhwc5u2yhulggvuh2ewdvvnxkm6z6bgnhu2j5ruf5km")
        let small = try #require(Self.bytes(hex: "78dacb48cdc9c95728cf2fca49e102001e720467"))
        #expect(
            try FileCIDBuilder.cid(of: small, name: "hello.txt", options: .zlibLevel9).description
                == "bafkr6ic4i7sbrihy3bsn25nz36hw5l5cxisw7pb7vsywiqyqdzctlhxsna")
        // And inflating the stored bytes gives the original back.
        var inflated: [UInt8] = []
        let inflater = try ZlibInflater(limit: 1 << 20)
        try stored.withUnsafeBytes { try inflater.feed($0) { inflated += $0 } }
        try inflater.finish()
        #expect(inflated == Self.compressibleText)
    }

    // MARK: Helpers

    /// The CID of pattern(length) (byte i = i % 251), fed in pieces of `split` bytes without ever
    /// holding the content: pieces are cut from one periodic buffer at the right phase.
    static func cidOfPattern(length: Int, name: String?, split: Int) throws -> AutoDriveCID {
        var builder = try FileCIDBuilder(name: name)
        let periodic = (0..<(split + 251)).map { UInt8($0 % 251) }
        var offset = 0
        periodic.withUnsafeBytes { buffer in
            while offset < length {
                let count = min(split, length - offset)
                builder.update(UnsafeRawBufferPointer(rebasing: buffer[(offset % 251)..<(offset % 251 + count)]))
                offset += count
            }
        }
        return builder.finalize()
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
