namespace Picopyn.Generators.EndToEndTests;

/// <summary>Every return kind of generated code, run against the emulated cluster.</summary>
public sealed class ReturnKindTests(UsersCluster cluster) : IClassFixture<UsersCluster>
{
    private IUserQueries Users => cluster.Users;

    [Fact]
    public async Task First_row_or_null()
    {
        Assert.Equal(new User(1, "ann", "ann@example.com"), await Users.FindAsync(1));
        Assert.Equal(new User(2, "bob", null), await Users.FindAsync(2));
        Assert.Null(await Users.FindAsync(404));
    }

    [Fact]
    public async Task Exactly_one_row_or_an_exception_naming_the_query()
    {
        Assert.Equal(new User(3, "cy", "cy@example.com"), await Users.GetAsync(3));

        var none = await Assert.ThrowsAsync<PicoMappingException>(() => Users.GetAsync(404));
        Assert.Contains("no rows", none.Message, StringComparison.Ordinal);
        Assert.Equal("select id, name, email from users where id = $1", none.Sql);
        Assert.NotNull(none.Instance);
    }

    [Fact]
    public async Task Several_rows_where_one_was_expected_is_an_exception()
    {
        await Users.InsertAsync(1001, "twin", null, null, null, true, UsersCluster.Created, null, 0);
        await Users.InsertAsync(1002, "twin", null, null, null, true, UsersCluster.Created, null, 0);
        try
        {
            Assert.Equal(2, (await new UserStore(cluster.Client).ByNameAsync("twin")).Count);

            var error = await Assert.ThrowsAsync<PicoMappingException>(() => ITwinQueries.Create(cluster.Client).OneTwinAsync());

            Assert.Contains("more than one row", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await Users.DeleteAsync(1001);
            await Users.DeleteAsync(1002);
        }
    }

    [Fact]
    public async Task Lists_arrays_and_read_only_lists_hold_every_row_in_order()
    {
        var expected = new[] { new User(1, "ann", "ann@example.com"), new User(2, "bob", null), new User(3, "cy", "cy@example.com") };

        Assert.Equal(expected, await Users.ListAsync());
        Assert.Equal(expected.Skip(1), await Users.FromAsync(2));
        var ids = await Users.IdsAsync();
        Assert.Equal([1L, 2L, 3L], ids);
        Assert.Equal([(1L, "ann@example.com"), (2L, (string?)null), (3L, "cy@example.com")], await Users.PairsAsync());
    }

    [Fact]
    public async Task Scalars_single_and_nullable()
    {
        Assert.Equal(3L, await Users.CountAsync());
        Assert.Equal("ann@example.com", await Users.EmailAsync(1));
        Assert.Null(await Users.EmailAsync(2));   // NULL value
        Assert.Null(await Users.EmailAsync(404)); // no row
        Assert.Equal("cy", await UserSql.NameAsync(cluster.Client, 3));
    }

    [Fact]
    public async Task Streams_every_row_and_returns_the_connection_when_the_enumeration_ends_or_is_abandoned()
    {
        var streamed = new List<User>();
        await foreach (var user in Users.StreamAsync())
        {
            streamed.Add(user);
        }

        Assert.Equal(await Users.ListAsync(), streamed);
        Assert.Equal(0, cluster.Client.ConnectionsInUse);

        await foreach (var user in Users.StreamAsync())
        {
            Assert.Equal(1, cluster.Client.ConnectionsInUse);
            break;
        }

        Assert.Equal(0, cluster.Client.ConnectionsInUse);
    }

    [Fact]
    public async Task A_class_with_settable_and_init_properties_reads_every_picodata_type()
    {
        var account = await Users.AccountAsync(1);

        Assert.NotNull(account);
        Assert.Equal(1, account.Id);
        Assert.Equal("ann", account.Holder);
        Assert.Equal(1.5, account.Score);
        Assert.Equal(10.25m, account.Balance);
        Assert.True(account.Active);
        Assert.Equal(UsersCluster.Created, account.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, account.CreatedAt.Kind);
        Assert.Equal(Guid.Parse("6f1c1a4e-2b1a-4c55-9e77-3d2f7c1b9a01"), account.Ref);
        Assert.Equal(7, account.Visits);
        await Users.InsertAsync(1200, "nulls", null, null, null, false, UsersCluster.Created, null, 0);
        var nulls = await Users.AccountAsync(1200);
        await Users.DeleteAsync(1200);
        Assert.Null(nulls!.Score);
        Assert.Null(nulls.Balance);
        Assert.Null(nulls.Ref);
        Assert.False(nulls.Active);
        Assert.Equal(new DateTimeOffset(UsersCluster.Created.AddDays(2)), (await Users.StampAsync(3)).CreatedAt);
    }

    [Fact]
    public async Task Writes_return_rows_affected_and_each_form_runs_on_its_executor()
    {
        Assert.Equal(1, await Users.InsertAsync(1100, "new", null, null, null, true, UsersCluster.Created, null, 1));
        Assert.Equal(1L, await Users.RenameAsync(1100, "renamed"));
        Assert.Equal(0L, await Users.RenameAsync(404_404, "nobody"));
        Assert.Equal([new User(1100, "renamed", null)], await new UserStore(cluster.Client).ByNameAsync("renamed"));
        await Users.DeleteAsync(1100);
        Assert.Null(await Users.FindAsync(1100));
        Assert.Equal(1, await UserSql.EnsureAsync(cluster.Client, 1101, "ensured", DateTimeOffset.UtcNow));
        Assert.Equal(0, await UserSql.EnsureAsync(cluster.Client, 1101, "ensured", DateTimeOffset.UtcNow));
        await Users.DeleteAsync(1101);
    }

    [Fact]
    public async Task A_lease_runs_generated_queries_on_one_connection()
    {
        await using var lease = await cluster.Client.AcquireAsync();
        var users = IUserQueries.Create(lease);

        Assert.Equal(3L, await users.CountAsync());
        Assert.Equal("bob", (await users.GetAsync(2)).Name);
    }

    [Fact]
    public async Task A_pragma_suppressed_warning_still_generates_working_code()
    {
        Assert.Equal(new User(1, "ann", "ann@example.com"), await Users.FindIgnoringVisitsAsync(1));
    }
}

/// <summary>A query whose single-row method meets two rows.</summary>
public partial interface ITwinQueries
{
    [PicoQuery("select id, created_at from users where name = 'twin'")]
    Task<Stamp> OneTwinAsync(CancellationToken ct = default);
}
