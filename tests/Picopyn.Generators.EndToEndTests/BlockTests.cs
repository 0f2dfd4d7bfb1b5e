namespace Picopyn.Generators.EndToEndTests;

/// <summary>Generated methods of Picodata's transactional blocks, run on the emulated cluster's Picodata front.</summary>
public sealed class BlockTests(UsersCluster cluster) : IClassFixture<UsersCluster>
{
    private IBlockQueries Blocks => IBlockQueries.Create(cluster.Client);

    [Fact]
    public async Task A_reading_block_binds_its_parameter_into_LET_and_RETURN_QUERY()
    {
        Assert.Equal([new User(1, "ann", "ann@example.com"), new User(2, "bob", null)], await Blocks.BelowWhenSeveralAsync(3));
        // One row below 2: the LET's count is 1, so the RETURN QUERY's condition holds for none.
        Assert.Empty(await Blocks.BelowWhenSeveralAsync(2));
    }

    [Fact]
    public async Task A_writing_block_returns_the_row_before_its_update_and_the_update_stays()
    {
        await cluster.Users.InsertAsync(1100, "before", null, null, null, true, UsersCluster.Created, null, 0);

        var old = await Blocks.RenameReturningOldAsync(1100, "after");

        Assert.Equal(new User(1100, "before", null), old);
        Assert.Equal("after", (await cluster.Users.FindAsync(1100))!.Name);
        Assert.Null(await Blocks.RenameReturningOldAsync(404, "nobody"));
    }

    [Fact]
    public async Task A_block_that_fails_half_way_leaves_nothing_behind()
    {
        await cluster.Users.InsertAsync(1200, "kept", null, null, null, true, UsersCluster.Created, null, 0);

        // Row 1 exists: the INSERT fails after the UPDATE has run.
        var error = await Assert.ThrowsAsync<PicoQueryException>(() => Blocks.RenameThenInsertAsync(1200, "lost", 1, UsersCluster.Created));

        Assert.Equal("XX000", error.SqlState);
        Assert.Equal("kept", (await cluster.Users.FindAsync(1200))!.Name);
    }
}
