using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Picopyn.Testing.Containers.Tests;

/// <summary>
/// Whether the container tests can run here: a Docker engine answers on its socket and has the emulated image. Where
/// one does not, the tests skip with a reason that says how to enable them — unless
/// <c>PICOPYN_REQUIRE_CONTAINERS=1</c> (CI), where they fail instead.
/// </summary>
internal static class DockerEngine
{
    /// <summary>The image the tests run: <c>PICOPYN_EMULATED_IMAGE</c>, or what build-image.sh tags.</summary>
    public static readonly string Image = Environment.GetEnvironmentVariable("PICOPYN_EMULATED_IMAGE") is { Length: > 0 } image
        ? image
        : "picopyn/emulated-picodata:local";

    private const string HowToEnable =
        "start a Docker engine and build the emulated image with `sudo src/Picopyn.Testing.EmulatedImage/build-image.sh` (.ci/run does both)";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why the tests cannot run, or <see langword="null"/> when they can.</summary>
    public static string? WhyUnavailable
    {
        get
        {
            var reason = Unavailable.Value;
            if (reason is not null && Environment.GetEnvironmentVariable("PICOPYN_REQUIRE_CONTAINERS") == "1")
            {
                throw new InvalidOperationException($"PICOPYN_REQUIRE_CONTAINERS=1 and the container tests cannot run: {reason}");
            }

            return reason;
        }
    }

    // Asks the engine over its Unix socket, before Testcontainers reads its settings: the API version it speaks
    // (Testcontainers asks for 1.44 by default, which Debian's Docker 20.10 does not take) and whether the image is there.
    private static readonly string SocketPath = Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
        ? host["unix://".Length..]
        : "/var/run/docker.sock";

    /// <summary>The names of the containers and networks whose name starts with <paramref name="prefix"/>, as the engine lists them.</summary>
    public static async Task<IReadOnlyList<string>> NamedAsync(string prefix)
    {
        using var http = EngineClient();
        var filter = Uri.EscapeDataString($$"""{"name":["{{prefix}}"]}""");
        var containers = await http.GetFromJsonAsync<List<ContainerEntry>>($"containers/json?all=1&filters={filter}") ?? [];
        var networks = await http.GetFromJsonAsync<List<NetworkEntry>>($"networks?filters={filter}") ?? [];
        return [.. containers.SelectMany(c => c.Names ?? []), .. networks.Select(n => n.Name ?? string.Empty)];
    }

    private static string? Probe()
    {
        if (!File.Exists(SocketPath))
        {
            return $"no Docker engine socket at {SocketPath}: {HowToEnable}";
        }

        using var http = EngineClient();
        try
        {
            var version = http.GetFromJsonAsync<EngineVersion>("version").GetAwaiter().GetResult();
            if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is null && version?.ApiVersion is { Length: > 0 } api)
            {
                Environment.SetEnvironmentVariable("DOCKER_API_VERSION", api);
            }

            using var inspect = http.GetAsync($"images/{Image}/json").GetAwaiter().GetResult();
            if (!inspect.IsSuccessStatusCode)
            {
                return $"the Docker engine has no image {Image}: {HowToEnable}";
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or TaskCanceledException)
        {
            return $"the Docker engine at {SocketPath} does not answer ({exception.Message}): {HowToEnable}";
        }

        // Testcontainers' resource reaper is an image pulled from a registry; these tests remove what they made themselves.
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED") ?? "true");
        return null;
    }

    // The engine's API over its Unix socket.
    private static HttpClient EngineClient() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await unix.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            return new NetworkStream(unix, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://docker/"),
        Timeout = TimeSpan.FromSeconds(10),
    };

    private sealed record EngineVersion([property: JsonPropertyName("ApiVersion")] string? ApiVersion);

    private sealed record ContainerEntry([property: JsonPropertyName("Names")] List<string>? Names);

    private sealed record NetworkEntry([property: JsonPropertyName("Name")] string? Name);
}
