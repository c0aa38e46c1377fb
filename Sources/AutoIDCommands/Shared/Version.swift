/// The version every tool reports with `--version`.
public enum AutoIDVersion {
    public static let current = "0.1.0"
}
