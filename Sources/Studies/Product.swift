/// What every output says about the tool that made it.
public enum Product {
    /// The ketasim version printed in every output.
    public static let version = "0.1.0"
    /// Printed in every report, help text and sidecar.
    public static let disclaimer = "Model predictions for planning and research, not medical advice."
}
