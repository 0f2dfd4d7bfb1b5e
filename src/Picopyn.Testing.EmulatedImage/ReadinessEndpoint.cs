using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Picopyn.Testing.EmulatedImage;

/// <summary>
/// Picodata's health API on the HTTP port, the part a container runtime waits on: <c>GET /api/v1/health/ready</c>
/// answers 200 once the instance is Online and 503 before (and while it shuts down); <c>/api/v1/health/live</c> 200
/// while the process runs.
/// </summary>
/// <remarks>
/// A few lines of HTTP/1.1 on a socket, one request per connection: <c>HttpListener</c>'s managed implementation can
/// crash the process when a request arrives while it starts (its accept completes before it is set up), which is
/// exactly when a runtime polls readiness.
/// </remarks>
internal sealed class ReadinessEndpoint : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private volatile bool _ready;

    public ReadinessEndpoint(int port)
    {
        _listener = new TcpListener(IPAddress.Any, port);
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
        _stop.Cancel();
        _listener.Stop();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped
            }

            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(Socket client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var stream = new NetworkStream(client, ownsSocket: false);
                await using (stream.ConfigureAwait(false))
                {
                    var path = await ReadRequestPathAsync(stream, timeout.Token).ConfigureAwait(false);
                    var (status, text) = path switch
                    {
                        "/api/v1/health/ready" => _ready ? ("200 OK", "ready") : ("503 Service Unavailable", "not ready"),
                        "/api/v1/health/live" => ("200 OK", "live"),
                        _ => ("404 Not Found", "not found"),
                    };
                    var response = Encoding.ASCII.GetBytes(
                        $"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {text.Length}\r\nConnection: close\r\n\r\n{text}");
                    await stream.WriteAsync(response, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // The caller went away or said nothing: nothing to answer.
            }
        }
    }

    // The request line's path; the headers are read to their end and not used.
    private static async Task<string> ReadRequestPathAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && received.Length < 16 * 1024)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var requestLine = received.ToString().Split("\r\n", 2)[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1].Split('?')[0] : string.Empty;
    }
}
