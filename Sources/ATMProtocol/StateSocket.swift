/// Where the handler and the daemon meet unless told otherwise: one default for both sides.
public enum StateSocket {
    public static let defaultPath = "/run/atm/stated.sock"
}
