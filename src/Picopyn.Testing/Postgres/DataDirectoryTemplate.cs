using System.Collections.Concurrent;
using Picopyn.Testing.Emulation;
using Picopyn.Testing.Os;

namespace Picopyn.Testing.Postgres;

/// <summary>
/// A data directory made by <c>initdb</c> once per process and installation, which every server of the
/// process's clusters starts from as a copy: <c>initdb</c> takes seconds of CPU (it boots a server to
/// build the catalogs), a copy of its 40 MB a fraction of one, and a cluster needs one per instance plus
/// its storage.
/// </summary>
/// <remarks>
/// The copies share the template's superuser and that superuser's password, a secret made for this
/// process that only the emulation's own set-up connections use (the application logs in as its own
/// user). The template lives in a cluster-style root (<c>PID-template-…</c>) that
/// <see cref="ClusterDirectories.SweepLeftovers"/> removes once its process is gone; a living process
/// removes it on exit.
/// </remarks>
internal sealed class DataDirectoryTemplate
{
    private static readonly ConcurrentDictionary<(string BinDirectory, string Superuser), Lazy<Task<DataDirectoryTemplate>>> Templates = new();
    private static readonly ConcurrentBag<string> Roots = [];

    static DataDirectoryTemplate() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var root in Roots)
        {
            ClusterDirectories.Delete(root);
        }
    };

    private DataDirectoryTemplate(string dataDirectory, string superuserPassword)
    {
        DataDirectory = dataDirectory;
        SuperuserPassword = superuserPassword;
    }

    /// <summary>The template's data directory: never started, only copied.</summary>
    public string DataDirectory { get; }

    /// <summary>The password of the superuser the template was made with, valid in every copy.</summary>
    public string SuperuserPassword { get; }

    /// <summary>
    /// The template for <paramref name="installation"/> and <paramref name="superuser"/>, made on first use. A caller that
    /// gives up stops waiting, not the <c>initdb</c> other callers share; a failed <c>initdb</c> is tried again by the next caller.
    /// </summary>
    public static async Task<DataDirectoryTemplate> GetAsync(
        PostgresInstallation installation, string superuser, CancellationToken cancellationToken)
    {
        var key = (installation.BinDirectory, superuser);
        var lazy = Templates.GetOrAdd(key, _ => new Lazy<Task<DataDirectoryTemplate>>(() => CreateAsync(installation, superuser)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (lazy.Value.IsFaulted)
        {
            Templates.TryRemove(new KeyValuePair<(string, string), Lazy<Task<DataDirectoryTemplate>>>(key, lazy));
            throw;
        }
    }

    /// <summary>Copies the template's data directory to <paramref name="dataDirectory"/>, which must not exist yet.</summary>
    public async Task CopyToAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        // cp -a keeps the 0700 modes and, run as the postgres user, its ownership: PostgreSQL refuses anything else.
        var result = await CommandRunner.RunAsync("cp", ["-a", DataDirectory, dataDirectory], asPostgresUser: true, cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new EmulatedClusterException($"Could not copy the PostgreSQL data directory template {DataDirectory} to {dataDirectory}: {result.Output}");
        }
    }

    private static async Task<DataDirectoryTemplate> CreateAsync(PostgresInstallation installation, string superuser)
    {
        var root = ClusterDirectories.CreateRoot("template");
        Roots.Add(root);
        var directory = Path.Combine(root, "template");
        await ClusterDirectories.CreateServerDirectoryAsync(directory, CancellationToken.None).ConfigureAwait(false);
        var password = EmulatedPicodataCluster.RandomSecret();
        var server = new PostgresServer(installation, "template", directory, port: 0, superuser, password, new Dictionary<string, string>());
        await server.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        return new DataDirectoryTemplate(server.DataDirectory, password);
    }
}
