namespace Picopyn.Generators.Tests;

public sealed class SnapshotTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("picopyn-snapshots-").FullName;

    private string Verified => Path.Combine(_directory, "case.verified.txt");

    private string Received => Path.Combine(_directory, "case.received.txt");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_matching_snapshot_passes_whatever_the_line_endings()
    {
        File.WriteAllText(Verified, "line 1\r\nline 2   \r\n");

        Snapshot.MatchFile("line 1\nline 2\n", Verified, accept: false);

        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void A_mismatch_fails_with_a_readable_diff_and_keeps_the_received_text()
    {
        File.WriteAllText(Verified, "a\nb\nc\nd\ne\nf\ng\n");

        var failure = Assert.ThrowsAny<Exception>(() => Snapshot.MatchFile("a\nb\nc\nD\ne\nf\ng\n", Verified, accept: false));

        Assert.Contains("- d\n+ D\n", failure.Message, StringComparison.Ordinal);
        Assert.Contains("  c\n", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("  a\n", failure.Message, StringComparison.Ordinal);
        Assert.Contains(Snapshot.AcceptVariable, failure.Message, StringComparison.Ordinal);
        Assert.Equal("a\nb\nc\nD\ne\nf\ng\n", File.ReadAllText(Received));
    }

    [Fact]
    public void A_missing_snapshot_fails_unless_accepted_and_accepting_writes_it()
    {
        Assert.ThrowsAny<Exception>(() => Snapshot.MatchFile("new\n", Verified, accept: false));
        Assert.False(File.Exists(Verified));

        Snapshot.MatchFile("new\n", Verified, accept: true);

        Assert.Equal("new\n", File.ReadAllText(Verified));
        Assert.False(File.Exists(Received));
        Snapshot.MatchFile("new", Verified, accept: false);
    }

    [Fact]
    public void Accepting_is_refused_under_CI_and_writes_nothing()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Snapshot.MatchFile("new\n", Verified, accept: true, underCi: true));

        Assert.Contains("refused under CI", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Verified));
    }

    [Fact]
    public void A_snapshot_file_no_test_reads_is_an_orphan()
    {
        File.WriteAllText(Verified, "read\n");
        File.WriteAllText(Path.Combine(_directory, "gone.verified.txt"), "nobody reads this\n");
        File.WriteAllText(Received, "a received file is no snapshot\n");

        Assert.Equal(["gone.verified.txt"], Snapshot.Orphans(_directory, ["case"]));
    }

    [Fact]
    public void The_diff_shows_insertions_and_deletions_in_order()
    {
        Assert.Equal("  x\n- y\n+ z\n+ w\n", Snapshot.Diff("x\ny", "x\nz\nw"));
    }
}
