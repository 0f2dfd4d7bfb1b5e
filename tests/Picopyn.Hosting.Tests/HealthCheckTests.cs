using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Picopyn.Hosting.Tests;

/// <summary><c>AddHealthChecks().AddPicopyn()</c>: Healthy, Degraded with the instances out of rotation named, Unhealthy.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Healthy_when_every_instance_answers_degraded_naming_a_killed_one_unhealthy_when_none_answers()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddPicopyn(cluster.Dsn(cluster[0]));
        services.AddHealthChecks().AddPicopyn(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var healthy = (await health.CheckHealthAsync()).Entries["picopyn"];
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(3, healthy.Data.Count);
        Assert.Contains("ready", healthy.Tags);

        await cluster.Cluster.KillInstanceAsync(cluster[2].Name);
        var degraded = (await health.CheckHealthAsync()).Entries["picopyn"];
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains(cluster[2].Name, degraded.Description, StringComparison.Ordinal);
        Assert.Contains("2 of 3", degraded.Description, StringComparison.Ordinal);
        var killed = Assert.Single(degraded.Data, d => d.Key.Contains(cluster[2].Name, StringComparison.Ordinal));
        Assert.NotEqual("answered", killed.Value);
        Assert.Equal(2, degraded.Data.Count(d => (string)d.Value == "answered"));

        await cluster.Cluster.KillInstanceAsync(cluster[0].Name);
        await cluster.Cluster.KillInstanceAsync(cluster[1].Name);
        var unhealthy = (await health.CheckHealthAsync()).Entries["picopyn"];
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.Contains("0 of 3", unhealthy.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_cannot_be_reached_reports_the_failure_status_with_the_reason()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var dsn = cluster.Dsn();
        await cluster.Cluster.StopInstanceAsync(cluster[0].Name);
        var services = new ServiceCollection();
        services.AddPicopyn(dsn, serviceKey: "orders");
        services.AddLogging();
        services.AddHealthChecks().AddPicopyn(serviceKey: "orders", name: "orders-db", failureStatus: HealthStatus.Degraded);
        await using var provider = services.BuildServiceProvider();

        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["orders-db"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.IsType<PicoConnectionException>(entry.Exception);
        Assert.Contains($":{cluster[0].Port}", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(GuardedCluster.Password, entry.Description, StringComparison.Ordinal);
        await cluster.Cluster.StartInstanceAsync(cluster[0].Name);
    }
}
