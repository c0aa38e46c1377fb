/// How much work the heaviest randomised tests do. scripts/test's sanitizer stages run a focused set of
/// suites under ThreadSanitizer or AddressSanitizer, where our code runs 5 to 20 times slower; there
/// those tests take fewer rounds and smaller inputs that still cross the same edges (every thread, task
/// and window boundary), because a sanitizer needs each path taken, not taken many times. The plain
/// suite, which checks the results, always runs the full load.
public enum TestLoad {
    /// True under scripts/sanitize (`AUTOID_SANITIZER` is set).
    public static let isSanitized = ToolRunner.sanitizer != nil

    /// `full` in the plain suite, `sanitized` under a sanitizer.
    public static func pick<Value>(full: Value, sanitized: Value) -> Value {
        isSanitized ? sanitized : full
    }
}
