using System.Runtime.InteropServices;
using Picopyn.Testing.EmulatedImage;

// The emulated Picodata image's entry point: one instance, configured by Picodata's environment variables,
// until SIGTERM (docker stop) stops it gracefully.
InstanceEnvironment environment;
try
{
    environment = InstanceEnvironment.Read(Environment.GetEnvironmentVariables());
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine($"picodata (emulated): {exception.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

var host = new EmulatedInstanceHost(environment, Console.Out);
await using (host.ConfigureAwait(false))
{
    try
    {
        await host.StartAsync(stop.Token).ConfigureAwait(false);
        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        // docker stop: fall through to the graceful stop.
    }
    catch (Exception exception)
    {
        Console.Error.WriteLine($"picodata (emulated) {environment.Name} failed to start: {exception}");
        return 1;
    }

    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(8));
    await host.StopAsync(grace.Token).ConfigureAwait(false);
}

return 0;
