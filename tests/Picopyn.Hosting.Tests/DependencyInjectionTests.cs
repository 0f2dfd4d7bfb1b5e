using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Picopyn.Hosting.Tests;

/// <summary><c>AddPicopyn</c> in a real container and host: a lazy singleton client, generated queries by factory, keyed clients, a start-up connect.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task The_client_is_one_lazy_singleton_also_resolved_as_executor_and_configured_from_the_container()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        ILoggerFactory? seen = null;
        var services = new ServiceCollection().AddLogging();
        services.AddPicopyn(cluster.Dsn(), (sp, options) =>
        {
            seen = options.LoggerFactory;
            options.Name = "injected";
        });
        services.AddPicopyn("postgresql://ignored@nowhere:1/db"); // a second registration is ignored
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<PicoClient>();

        Assert.Same(client, provider.GetRequiredService<PicoExecutor>());
        Assert.Same(provider.GetRequiredService<ILoggerFactory>(), seen);
        Assert.Equal("injected", client.Name);
        Assert.False(client.IsConnected);
        Assert.Equal(0, await cluster.Cluster.CountSessionsAsync(cluster[0].Name));
        Assert.Equal(1L, await client.FetchValueAsync<long>("SELECT 1"));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Generated_query_interfaces_are_registered_by_their_factory_and_run()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        await cluster.Cluster.ExecuteDdlAsync(IItemQueries.Table);
        var services = new ServiceCollection();
        services.AddPicopyn(cluster.Dsn()).AddQueries(IItemQueries.Create);
        await using var provider = services.BuildServiceProvider();

        var items = provider.GetRequiredService<IItemQueries>();
        Assert.Same(items, provider.GetRequiredService<IItemQueries>());
        Assert.Equal(1, await items.AddAsync(7, "seven"));

        Assert.Equal(new Item(7, "seven"), await items.FindAsync(7));
    }

    [Fact]
    public async Task Keyed_clients_are_apart_and_their_queries_use_their_own_client()
    {
        await using var first = await GuardedCluster.StartAsync(1);
        await using var second = await GuardedCluster.StartAsync(1);
        await first.Cluster.ExecuteDdlAsync(IItemQueries.Table);
        await second.Cluster.ExecuteDdlAsync(IItemQueries.Table);
        var services = new ServiceCollection();
        services.AddPicopyn(first.Dsn(), serviceKey: "first").AddQueries(IItemQueries.Create);
        services.AddPicopyn(second.Dsn(), serviceKey: "second").AddQueries(IItemQueries.Create);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IItemQueries>("first").AddAsync(1, "in first");
        await provider.GetRequiredKeyedService<IItemQueries>("second").AddAsync(1, "in second");

        Assert.NotSame(provider.GetRequiredKeyedService<PicoClient>("first"), provider.GetRequiredKeyedService<PicoClient>("second"));
        Assert.Equal("in first", (await provider.GetRequiredKeyedService<IItemQueries>("first").FindAsync(1))!.Name);
        Assert.Equal("in second", (await provider.GetRequiredKeyedService<IItemQueries>("second").FindAsync(1))!.Name);
        Assert.Null(provider.GetService<PicoClient>());
    }

    [Fact]
    public async Task ConnectOnStartup_has_the_client_connected_when_the_host_has_started()
    {
        await using var cluster = await GuardedCluster.StartAsync(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPicopyn(cluster.Dsn(cluster[0])).ConnectOnStartup().ConnectOnStartup();
        using var host = builder.Build();

        await host.StartAsync();

        var client = host.Services.GetRequiredService<PicoClient>();
        Assert.True(client.IsConnected);
        Assert.Equal(2, client.Instances.Count);
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "PicopynStartup");
        await host.StopAsync();
    }

    [Fact]
    public async Task ConnectOnStartup_fails_the_start_when_no_seed_answers()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var dsn = cluster.Dsn();
        await cluster.Cluster.StopInstanceAsync(cluster[0].Name);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPicopyn(dsn).ConnectOnStartup();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<PicoConnectionException>(() => host.StartAsync());

        Assert.Contains($":{cluster[0].Port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(GuardedCluster.Password, error.Message, StringComparison.Ordinal);
        await cluster.Cluster.StartInstanceAsync(cluster[0].Name);
    }

    [Fact]
    public async Task A_synchronous_dispose_of_the_container_closes_the_client()
    {
        await using var cluster = await GuardedCluster.StartAsync(1);
        var services = new ServiceCollection();
        services.AddPicopyn(cluster.Dsn());
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<PicoClient>();
        await client.FetchValueAsync<long>("SELECT 1");

        provider.Dispose();

        Assert.Equal(0, client.OpenConnections);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.FetchValueAsync<long>("SELECT 1"));
    }
}
