using System.Runtime.CompilerServices;
using System.Text;

namespace Picopyn.Tests.Shared;

/// <summary>
/// Snapshot assertions for generated text: the expected text lives in a checked-in file beside
/// the test (<c>Snapshots/NAME.verified.txt</c>). A mismatch fails with a line diff and leaves the
/// actual text in <c>NAME.received.txt</c> (git-ignored). Set <see cref="AcceptVariable"/>=1 to
/// write the actual text as the new expected one; a missing snapshot otherwise fails, and under CI
/// (<c>CI</c> set, as CI services and <c>.ci/run</c> set it) accepting is refused, so CI never
/// accepts output on its own. <see cref="Orphans"/> finds snapshot files no test reads.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "PICOPYN_ACCEPT_SNAPSHOTS";

    private const string VerifiedSuffix = ".verified.txt";

    /// <summary>Whether this run is CI's: <c>CI</c> set to anything but <c>false</c> or <c>0</c>.</summary>
    public static bool UnderCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false" && ci != "0";

    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "") =>
        MatchFile(actual, Path.Combine(DirectoryOf(callerFile), name + VerifiedSuffix),
            Environment.GetEnvironmentVariable(AcceptVariable) == "1", UnderCi);

    /// <summary>The <c>Snapshots</c> directory beside the calling test file.</summary>
    public static string DirectoryOf([CallerFilePath] string callerFile = "") => Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");

    /// <summary>The snapshot files in <paramref name="directory"/> whose name is none of <paramref name="names"/>: files no test reads.</summary>
    public static IReadOnlyList<string> Orphans(string directory, IEnumerable<string> names)
    {
        var read = names.Select(n => n + VerifiedSuffix).ToHashSet(StringComparer.Ordinal);
        return Directory.EnumerateFiles(directory, "*" + VerifiedSuffix)
            .Select(Path.GetFileName)
            .Where(file => !read.Contains(file!))
            .Order(StringComparer.Ordinal)
            .ToList()!;
    }

    /// <summary>Compares <paramref name="actual"/> with the file at <paramref name="verifiedPath"/>.</summary>
    public static void MatchFile(string actual, string verifiedPath, bool accept, bool underCi = false)
    {
        var normalized = Normalize(actual);
        var receivedPath = verifiedPath.Replace(".verified.", ".received.", StringComparison.Ordinal);
        if (accept && underCi)
        {
            Assert.Fail($"{AcceptVariable}=1 is refused under CI: snapshots are accepted on a developer's machine, reviewed and committed.");
        }

        if (accept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verifiedPath)!);
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, normalized);
            Assert.Fail($"No snapshot {verifiedPath}. Review {receivedPath}, then run the tests with {AcceptVariable}=1 to accept it.");
        }

        var expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, normalized);
        Assert.Fail($"Snapshot {Path.GetFileName(verifiedPath)} differs (- expected, + actual):\n{Diff(expected, normalized)}\n" +
                    $"The actual text is in {receivedPath}; run the tests with {AcceptVariable}=1 to accept it.");
    }

    /// <summary>A line diff: unchanged lines near a change prefixed with two spaces, removed with '-', added with '+'.</summary>
    public static string Diff(string expected, string actual, int context = 2)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        // Longest common subsequence of lines, then a walk that emits the edits.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(('-', a[x++]));
            }
            else
            {
                lines.Add(('+', b[y++]));
            }
        }

        var text = new StringBuilder();
        var lastShown = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            var near = Enumerable.Range(k - context, (2 * context) + 1).Any(n => n >= 0 && n < lines.Count && lines[n].Mark != ' ');
            if (!near)
            {
                continue;
            }

            if (lastShown >= 0 && k > lastShown + 1)
            {
                text.Append("  ...\n");
            }

            text.Append(lines[k].Mark).Append(' ').Append(lines[k].Text).Append('\n');
            lastShown = k;
        }

        return text.ToString();
    }

    // Line endings and trailing blanks never make a snapshot differ.
    private static string Normalize(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n') + "\n";
}
