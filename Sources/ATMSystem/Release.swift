/// The product's release, one number for both binaries: `--version` and the manual pages print it.
public enum Release {
    public static let version = "1.1.0"
}
