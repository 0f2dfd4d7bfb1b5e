using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Picopyn;
using Picopyn.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <inheritdoc />
internal sealed class PicopynBuilder(IServiceCollection services, object? serviceKey) : IPicopynBuilder
{
    private bool _connectsOnStartup;

    /// <inheritdoc />
    public IServiceCollection Services { get; } = services;

    /// <inheritdoc />
    public object? ServiceKey { get; } = serviceKey;

    /// <inheritdoc />
    public IPicopynBuilder AddQueries<TQueries>(Func<PicoExecutor, TQueries> factory)
        where TQueries : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (ServiceKey is null)
        {
            Services.TryAddSingleton(sp => factory(sp.GetRequiredService<PicoExecutor>()));
        }
        else
        {
            Services.TryAddKeyedSingleton(ServiceKey, (sp, key) => factory(sp.GetRequiredKeyedService<PicoExecutor>(key)));
        }

        return this;
    }

    /// <inheritdoc />
    public IPicopynBuilder ConnectOnStartup()
    {
        if (!_connectsOnStartup)
        {
            _connectsOnStartup = true;
            var key = ServiceKey;
            Services.AddSingleton<IHostedService>(sp => new PicopynStartup(PicopynServiceCollectionExtensions.ResolveClient(sp, key)));
        }

        return this;
    }
}
