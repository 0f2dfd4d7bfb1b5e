using Microsoft.Extensions.Diagnostics.HealthChecks;
using Picopyn.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Picopyn health check to an <see cref="IHealthChecksBuilder"/>.</summary>
public static class PicopynHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the registered client's cluster: it runs <paramref name="probeSql"/> on every instance in rotation
    /// and reports Healthy when all answered, Degraded when some are out of rotation (named in the description
    /// and in the data, one entry per instance), and <paramref name="failureStatus"/> when none answered or the
    /// client could not connect. The check uses the container's client, never a client of its own.
    /// </summary>
    /// <param name="builder">The health checks to add to.</param>
    /// <param name="serviceKey">The key the client was registered with; <see langword="null"/> for the default client.</param>
    /// <param name="name">The check's name. Default <c>picopyn</c>.</param>
    /// <param name="failureStatus">What no answering instance means; <see langword="null"/>: <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to select the check by (readiness, liveness).</param>
    /// <param name="timeout">How long the check may take; <see langword="null"/>: the health-check service's default.</param>
    /// <param name="probeSql">The statement each instance runs. Default <c>SELECT 1</c>.</param>
    public static IHealthChecksBuilder AddPicopyn(
        this IHealthChecksBuilder builder, object? serviceKey = null, string name = "picopyn", HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null, TimeSpan? timeout = null, string probeSql = "SELECT 1")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(probeSql);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new PicopynHealthCheck(PicopynServiceCollectionExtensions.ResolveClient(sp, serviceKey), probeSql),
            failureStatus,
            tags,
            timeout));
    }
}
