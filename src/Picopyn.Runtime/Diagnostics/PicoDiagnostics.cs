namespace Picopyn;

/// <summary>
/// The names under which every Picopyn client publishes its traces and metrics, for a host to listen to
/// (<c>AddSource</c>, <c>AddMeter</c>; the Picopyn.OpenTelemetry package adds both). docs/hosting.md lists the
/// spans' attributes and the instruments.
/// </summary>
public static class PicoDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of the clients' spans: one CLIENT span per statement, stream or lease statement.</summary>
    public const string ActivitySourceName = "Picopyn";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the clients' instruments, <c>db.client.operation.duration</c> among them.</summary>
    public const string MeterName = "Picopyn";

    /// <summary>The <c>db.system.name</c> of every span and measurement: OpenTelemetry registers no value for Picodata, so this one is Picopyn's.</summary>
    public const string DbSystemName = "picodata";
}
