using Microsoft.Extensions.Hosting;

namespace Picopyn.DependencyInjection;

/// <summary>Connects a client while the host starts: <see cref="Microsoft.Extensions.DependencyInjection.IPicopynBuilder.ConnectOnStartup"/>.</summary>
internal sealed class PicopynStartup(PicoClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => client.EnsureConnectedAsync(cancellationToken);

    // The container disposes the client; stopping has nothing of its own to do.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
