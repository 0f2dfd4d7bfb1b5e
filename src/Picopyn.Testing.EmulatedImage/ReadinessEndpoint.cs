using System.Net;
using System.Text;

namespace Picopyn.Testing.EmulatedImage;

/// <summary>
/// Picodata's health API on the HTTP port, the part a container runtime waits on: <c>GET /api/v1/health/ready</c>
/// answers 200 once the instance is Online and 503 before (and while it shuts down); <c>/api/v1/health/live</c> 200
/// while the process runs.
/// </summary>
internal sealed class ReadinessEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private volatile bool _ready;

    public ReadinessEndpoint(int port)
    {
        _listener.Prefixes.Add($"http://*:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>Whether <c>/api/v1/health/ready</c> says ready.</summary>
    public bool Ready
    {
        get => _ready;
        set => _ready = value;
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }

            var (status, text) = context.Request.Url?.AbsolutePath switch
            {
                "/api/v1/health/ready" => _ready ? (200, "ready") : (503, "not ready"),
                "/api/v1/health/live" => (200, "live"),
                _ => (404, "not found"),
            };
            var body = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            context.Response.Close();
        }
    }
}
