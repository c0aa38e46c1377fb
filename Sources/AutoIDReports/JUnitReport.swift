internal import AutoIDLibXML2

/// A JUnit XML report, the format CI systems (GitLab, Jenkins, GitHub test reporters) read.
///
/// Written with libxml2's text writer, so names and messages with `<`, `&` or quotes are escaped
/// correctly. One suite per report; one test case per check.
public struct JUnitReport: Sendable {
    /// One check and its outcome.
    public struct TestCase: Sendable {
        public var name: String
        public var className: String
        /// `nil` when the check passed; otherwise the one-line reason.
        public var failure: String?
        /// A longer explanation attached to a failure.
        public var detail: String?
        /// Seconds the check took.
        public var seconds: Double

        public init(name: String, className: String, failure: String? = nil, detail: String? = nil, seconds: Double = 0) {
            self.name = name
            self.className = className
            self.failure = failure
            self.detail = detail
            self.seconds = seconds
        }
    }

    public var suiteName: String
    public var cases: [TestCase]

    public init(suiteName: String, cases: [TestCase] = []) {
        self.suiteName = suiteName
        self.cases = cases
    }

    /// The XML document, UTF-8.
    public func xmlBytes() -> [UInt8] {
        let buffer = XMLBuffer()
        let writer = XMLWriter(buffer: buffer)
        writer.start()
        writer.element("testsuites") {
            writer.element("testsuite") {
                writer.attribute("name", suiteName)
                writer.attribute("tests", String(cases.count))
                writer.attribute("failures", String(cases.filter { $0.failure != nil }.count))
                writer.attribute("errors", "0")
                writer.attribute("time", seconds(cases.reduce(0) { $0 + $1.seconds }))
                for testCase in cases {
                    writer.element("testcase") {
                        writer.attribute("name", testCase.name)
                        writer.attribute("classname", testCase.className)
                        writer.attribute("time", seconds(testCase.seconds))
                        if let failure = testCase.failure {
                            writer.element("failure") {
                                writer.attribute("message", failure)
                                writer.text(testCase.detail ?? failure)
                            }
                        }
                    }
                }
            }
        }
        writer.finish()
        return buffer.bytes
    }

    private func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

/// The one owner of a libxml2 memory buffer.
private final class XMLBuffer {
    let pointer: xmlBufferPtr

    init() {
        guard let buffer = xmlBufferCreate() else { fatalError("libxml2 could not allocate a buffer") }
        pointer = buffer
    }

    var bytes: [UInt8] {
        guard let content = xmlBufferContent(pointer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(pointer))))
    }

    deinit { xmlBufferFree(pointer) }
}

/// The one owner of a libxml2 text writer over an ``XMLBuffer``.
private final class XMLWriter {
    let pointer: xmlTextWriterPtr
    let buffer: XMLBuffer  // kept alive while the writer uses it

    init(buffer: XMLBuffer) {
        self.buffer = buffer
        guard let writer = xmlNewTextWriterMemory(buffer.pointer, 0) else { fatalError("libxml2 could not allocate a writer") }
        pointer = writer
        xmlTextWriterSetIndent(pointer, 1)
        xmlTextWriterSetIndentString(pointer, "  ")
    }

    func start() { xmlTextWriterStartDocument(pointer, "1.0", "UTF-8", nil) }
    func finish() {
        xmlTextWriterEndDocument(pointer)
        xmlTextWriterFlush(pointer)
    }

    func element(_ name: String, _ body: () -> Void) {
        xmlTextWriterStartElement(pointer, name)
        body()
        xmlTextWriterEndElement(pointer)
    }

    func attribute(_ name: String, _ value: String) {
        xmlTextWriterWriteAttribute(pointer, name, Self.clean(value))
    }

    func text(_ value: String) {
        xmlTextWriterWriteString(pointer, Self.clean(value))
    }

    /// XML 1.0 cannot carry most control characters, even escaped; replace them.
    private static func clean(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0xFFFE || $0.value == 0xFFFF ? "\u{FFFD}" : $0
                }))
    }

    deinit { xmlFreeTextWriter(pointer) }
}
