using Picopyn;

namespace OpenTelemetry.Metrics;

/// <summary>Adds Picopyn's instruments to an OpenTelemetry meter provider.</summary>
public static class MeterProviderBuilderExtensions
{
    /// <summary>
    /// Listens to the <see cref="PicoDiagnostics.MeterName"/> meter: <c>db.client.operation.duration</c> and
    /// Picopyn's pool, routing and discovery instruments (docs/hosting.md).
    /// </summary>
    public static MeterProviderBuilder AddPicopynInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(PicoDiagnostics.MeterName);
    }
}
