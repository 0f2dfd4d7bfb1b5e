using System.Globalization;

namespace Picopyn.Testing.Postgres;

/// <summary>Where the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>) are installed.</summary>
internal sealed class PostgresInstallation
{
    /// <summary>Environment variable that points at a PostgreSQL <c>bin</c> directory.</summary>
    public const string BinDirectoryVariable = "PICOPYN_PG_BIN";

    private PostgresInstallation(string binDirectory) => BinDirectory = binDirectory;

    public string BinDirectory { get; }

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>
    /// Finds the binaries: the explicit directory if given, then <c>$PICOPYN_PG_BIN</c>, then the
    /// newest Debian installation under <c>/usr/lib/postgresql/N/bin</c>, then <c>PATH</c>.
    /// </summary>
    public static PostgresInstallation Locate(string? explicitBinDirectory)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(explicitBinDirectory))
        {
            candidates.Add(explicitBinDirectory);
        }

        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } fromEnvironment)
        {
            candidates.Add(fromEnvironment);
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(
                Directory.EnumerateDirectories(debianRoot)
                    .Select(d => (Directory: d, Version: ParseMajorVersion(Path.GetFileName(d))))
                    .OrderByDescending(d => d.Version)
                    .Select(d => Path.Combine(d.Directory, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return new PostgresInstallation(candidate);
            }
        }

        throw new EmulatedClusterException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them " +
            "(Debian: apt-get install postgresql postgresql-contrib) or point " +
            $"{BinDirectoryVariable} or {nameof(EmulatedClusterOptions)}.{nameof(EmulatedClusterOptions.PostgresBinDirectory)} " +
            "at the directory that holds them.");
    }

    private static int ParseMajorVersion(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
}
