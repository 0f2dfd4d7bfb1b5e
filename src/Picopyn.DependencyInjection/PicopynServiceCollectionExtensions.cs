using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Picopyn;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Picopyn clients with an <see cref="IServiceCollection"/> (docs/hosting.md).</summary>
public static class PicopynServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PicoClient"/>, and the same instance as <see cref="PicoExecutor"/>, made with
    /// <see cref="PicoClient.Create"/>: resolving it does no I/O, and it connects on its first statement (or at
    /// start-up, with <see cref="IPicopynBuilder.ConnectOnStartup"/>). Its logs and metrics go to the container's
    /// <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/>, set before <paramref name="configure"/> runs so
    /// that it can change them. A second registration with the same key is ignored.
    /// </summary>
    /// <param name="services">The services to add to.</param>
    /// <param name="connectionString">A <c>postgresql://</c> URI or an Npgsql keyword string, as for <see cref="PicoClient.ConnectAsync(string, PicoClientOptions?, CancellationToken)"/>.</param>
    /// <param name="configure">Sets the client's options, with the container at hand; <see langword="null"/> for the defaults.</param>
    /// <param name="serviceKey">Registers a keyed client (<c>[FromKeyedServices(key)]</c>) instead of the default one; for several clusters.</param>
    /// <returns>A builder to add query interfaces and a start-up connect to this client.</returns>
    public static IPicopynBuilder AddPicopyn(
        this IServiceCollection services, string connectionString, Action<IServiceProvider, PicoClientOptions>? configure = null, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (serviceKey is null)
        {
            services.TryAddSingleton(sp => CreateClient(sp, connectionString, configure));
            services.TryAddSingleton<PicoExecutor>(sp => sp.GetRequiredService<PicoClient>());
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (sp, _) => CreateClient(sp, connectionString, configure));
            services.TryAddKeyedSingleton<PicoExecutor>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<PicoClient>(key));
        }

        return new PicopynBuilder(services, serviceKey);
    }

    /// <summary>The client registered under <paramref name="serviceKey"/> (the default one when <see langword="null"/>).</summary>
    internal static PicoClient ResolveClient(IServiceProvider services, object? serviceKey) =>
        serviceKey is null ? services.GetRequiredService<PicoClient>() : services.GetRequiredKeyedService<PicoClient>(serviceKey);

    private static PicoClient CreateClient(IServiceProvider services, string connectionString, Action<IServiceProvider, PicoClientOptions>? configure)
    {
        var options = new PicoClientOptions
        {
            LoggerFactory = services.GetService<ILoggerFactory>(),
            MeterFactory = services.GetService<IMeterFactory>(),
        };
        configure?.Invoke(services, options);
        return PicoClient.Create(connectionString, options);
    }
}
