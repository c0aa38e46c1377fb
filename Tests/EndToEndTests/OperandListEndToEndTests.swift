import AutoIDFiles
import AutoIDTestSupport
import Foundation
import Testing

@testable import AutoIDCommands

/// Long operand lists (as xargs passes them) parse in linear time: the argument parser sees the options and
/// a few operands, the rest are appended (OperandListSplit). These tests check that nothing changes for
/// the user: every operand arrives, in order, and a wrong line is still the parser's usage error.
@Suite("Long operand lists")
struct OperandListTests {
    static func names(_ count: Int, prefix: String = "f") -> [String] { (0..<count).map { "\(prefix)\($0)" } }

    @Test func shortLinesGoToTheParserWhole() {
        // The run after the last option is the option's value and the operands: at the threshold, whole.
        let line = ["-k", "key", "-o", "out"] + Self.names(OperandListSplit.threshold - 1)
        let split = OperandListSplit(line)
        #expect(split.parsed == line)
        #expect(split.heldBack.isEmpty)
        #expect(OperandListSplit(line + ["one-more"]).heldBack.count == OperandListSplit.threshold - OperandListSplit.kept + 1)
    }

    @Test func theRunAfterTheLastOptionIsHeldBackAfterAFewTokens() {
        let operands = Self.names(1_000)
        let line = ["sign", "-k", "key", "--force", "-o", "out"] + operands
        let split = OperandListSplit(line)
        // "out" may be the value of -o, so it is one of the kept tokens of the run.
        let kept = OperandListSplit.kept - 1
        let parsedAsExpected = split.parsed == ["sign", "-k", "key", "--force", "-o", "out"] + operands.prefix(kept)
        let heldBackAsExpected = split.heldBack == Array(operands.dropFirst(kept))
        #expect(parsedAsExpected)
        #expect(heldBackAsExpected)
    }

    @Test func afterTheSeparatorEveryTokenIsAnOperand() {
        let operands = Self.names(500, prefix: "-")
        let split = OperandListSplit(["hash", "--"] + operands)
        let parsedAsExpected = split.parsed == ["hash", "--"] + operands.prefix(OperandListSplit.kept)
        let wholeLine = split.parsed + split.heldBack == ["hash", "--"] + operands
        #expect(parsedAsExpected)
        #expect(wholeLine)
    }

    @Test func withoutOptionsTheSubcommandNamesStayWithTheParser() {
        let line = ["log", "inclusion", "checkpoint"] + Self.names(300)
        let split = OperandListSplit(line)
        #expect(split.parsed.prefix(3) == ["log", "inclusion", "checkpoint"])
        let wholeLine = split.parsed + split.heldBack == line
        #expect(wholeLine)
    }

    /// A folder of `count` small files named f0, f1, ...
    func folder(_ count: Int) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for (index, name) in Self.names(count).enumerated() { try directory.write(name, Array("file \(index)\n".utf8)) }
        return directory
    }

    @Test func everyOperandIsHashedInOrder() throws {
        let directory = try folder(1_000)
        let names = Self.names(1_000).reversed().map { $0 }
        let ours = try ToolRunner.run("autoid-sign", ["hash", "-a", "sha256"] + names, in: directory.path)
        #expect(ours.status == 0, "\(ours.stderrText)")
        let theirs = try ToolRunner.run("sha256sum", names, in: directory.path)
        let same = ours.stdoutText == theirs.stdoutText
        #expect(same)
    }

    @Test func everyOperandIsSignedAndVerified() throws {
        let directory = try folder(600)
        #expect(try ToolRunner.run("autoid-sign", ["keygen"], in: directory.path).status == 0)
        let names = Self.names(600)
        let signed = try ToolRunner.run("autoid-sign", ["-k", "autoid.key", "-o", "all.json"] + names, in: directory.path)
        #expect(signed.status == 0, "\(signed.stderrText.prefix(200))")
        let verified = try ToolRunner.run("autoid-verify", ["-k", "autoid.pub", "all.json"], in: directory.path)
        #expect(verified.status == 0, "\(verified.stderrText)")
        let expected = names.map { "\($0): OK\n" }.joined()
        let same = verified.stdoutText == expected
        #expect(same)
        // The operands after the cut still select subjects.
        let some = try ToolRunner.run("autoid-verify", ["-k", "autoid.pub", "all.json"] + names.suffix(400), in: directory.path)
        #expect(some.status == 0)
        let selected = some.stdoutText == names.suffix(400).map { "\($0): OK\n" }.joined()
        #expect(selected)
    }

    @Test func validationSeesTheOperandsAfterTheCut() throws {
        let directory = try folder(400)
        #expect(try ToolRunner.run("autoid-sign", ["keygen"], in: directory.path).status == 0)
        let names = Self.names(400) + ["f7"]
        let signed = try ToolRunner.run("autoid-sign", ["-k", "autoid.key", "-o", "all.json"] + names, in: directory.path)
        #expect(signed.status == 64)
        #expect(signed.stderrText.contains("'f7' is named twice"), "\(signed.stderrText)")
        #expect(try directory.contents().contains("all.json") == false)
    }

    @Test func aCommandWithoutAnOperandListGivesTheParsersError() throws {
        let result = try ToolRunner.run("state-audit", ["snapshot"] + Self.names(300))
        #expect(result.status == 64)
        #expect(result.stderrText.hasPrefix("state-audit: 299 unexpected arguments: 'f1', 'f2'"), "\(result.stderrText.prefix(200))")
    }

    /// A --files-from list past the most names is refused as such (exit 3), not as a file over its
    /// byte limit; operands count toward the limit; the limit itself passes.
    @Test func aListWithTooManyNamesIsRefusedByCount() throws {
        let directory = try TemporaryDirectory()
        let list = try directory.write("list", Array("a\nb\n\nc\n".utf8))
        #expect(try FileListOptions.names(after: ["x"], filesFrom: list, nullSeparated: false, countLimit: 4) == ["x", "a", "b", "c"])
        #expect {
            try FileListOptions.names(after: ["x", "y"], filesFrom: list, nullSeparated: false, countLimit: 4)
        } throws: { error in
            let error = try #require(error as? FileError)
            return error.code == .tooMany(limit: 4, items: "names") && error.exitStatus == .malformedInput
                && error.description.contains("more than 4 names") && !error.description.contains("byte")
        }
    }
}
