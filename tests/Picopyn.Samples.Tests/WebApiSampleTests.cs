using System.Net;
using System.Net.Http.Json;

namespace Picopyn.Samples.Tests;

/// <summary>samples/Picopyn.Samples.WebApi as a user runs it: endpoints and <c>/health</c> over real HTTP.</summary>
public sealed class WebApiSampleTests
{
    private sealed record User(long Id, string Name, string? Email);

    [Fact]
    public async Task Serves_generated_queries_and_health_says_degraded_once_an_instance_is_killed()
    {
        await using var cluster = await GuardedCluster.StartAsync();
        await using var sample = await SampleProcess.StartAsync("WebApiSample", "--dsn", cluster.Dsn(cluster[0]));
        using var http = new HttpClient { BaseAddress = sample.Address };

        var created = await http.PostAsJsonAsync("/users", new User(42, "ann", "ann@example.com"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new User(42, "ann", "ann@example.com"), await http.GetFromJsonAsync<User>("/users/42"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/users/404", UriKind.Relative))).StatusCode);
        var healthy = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        await cluster.Cluster.KillInstanceAsync(cluster[1].Name);
        var degraded = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("Degraded", await degraded.Content.ReadAsStringAsync());
        Assert.Equal(new User(42, "ann", "ann@example.com"), await http.GetFromJsonAsync<User>("/users/42"));
        // The console exporter prints each span as it ends; the test reads the sample's output as it comes.
        await Eventually.HoldsAsync(() => Task.FromResult(sample.Output.Contains("Activity.DisplayName:        SELECT users", StringComparison.Ordinal)), "the console exporter printed a span");
    }

    [Fact]
    public async Task With_no_arguments_it_runs_on_an_embedded_cluster_and_stops_it_on_SIGTERM()
    {
        await using var sample = await SampleProcess.StartAsync("WebApiSample");
        using var http = new HttpClient { BaseAddress = sample.Address };

        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/health", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/users", new User(1, "bob", null))).StatusCode);
        Assert.Equal("bob", (await http.GetFromJsonAsync<User>("/users/1"))!.Name);

        Assert.Equal(0, await sample.StopAsync());
        Assert.Contains("starting an emulated 3-instance Picodata cluster", sample.Output, StringComparison.Ordinal);
    }
}
