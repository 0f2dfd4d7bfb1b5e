using Picopyn;

namespace OpenTelemetry.Trace;

/// <summary>Adds Picopyn's spans to an OpenTelemetry tracer provider.</summary>
public static class TracerProviderBuilderExtensions
{
    /// <summary>
    /// Listens to <see cref="PicoDiagnostics.ActivitySourceName"/>: one CLIENT span per statement, stream or lease
    /// statement of every Picopyn client, with OpenTelemetry's database attributes (docs/hosting.md).
    /// </summary>
    public static TracerProviderBuilder AddPicopynInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(PicoDiagnostics.ActivitySourceName);
    }
}
