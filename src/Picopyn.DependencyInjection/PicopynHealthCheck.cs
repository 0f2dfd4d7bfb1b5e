using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Picopyn.DependencyInjection;

/// <summary>
/// The cluster as a health check sees it (<see cref="PicoClient.CheckHealthAsync"/>): Healthy when every known
/// instance answered the probe, Degraded when some are out of rotation (named in the description and the data),
/// the registration's failure status when none answered or the client could not connect.
/// </summary>
internal sealed class PicopynHealthCheck(PicoClient client, string probeSql) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        PicoClusterHealth health;
        try
        {
            health = await client.CheckHealthAsync(probeSql, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is PicoException or ObjectDisposedException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception.Message, exception);
        }

        var data = health.Instances.ToDictionary(i => i.Instance.ToString(), i => (object)(i.Failure ?? "answered"));
        var answering = health.Answering.Count();
        if (health.AllAnswered)
        {
            return HealthCheckResult.Healthy(Text($"All {answering} instance(s) answered."), data);
        }

        var down = string.Join("; ", health.OutOfRotation.Select(i => $"{i.Instance} ({i.Failure})"));
        var description = Text($"{answering} of {health.Instances.Count} instance(s) answered; out of rotation: {down}.");
        return health.AnyAnswered
            ? HealthCheckResult.Degraded(description, data: data)
            : new HealthCheckResult(context.Registration.FailureStatus, description, data: data);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
