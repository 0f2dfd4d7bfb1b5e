namespace Picopyn.Generators.EndToEndTests;

/// <summary>Values that do not fit, parameters that are refused, and cancellation: clear exceptions, and the pool stays whole.</summary>
public sealed class MappingFailureTests(UsersCluster cluster) : IClassFixture<UsersCluster>
{
    private IUserQueries Users => cluster.Users;

    [Fact]
    public async Task A_null_for_a_non_nullable_member_names_the_column_the_member_and_the_query()
    {
        var error = await Assert.ThrowsAsync<PicoMappingException>(() => Users.WithNullNameAsync(2));

        Assert.Equal("name", error.Column);
        Assert.Contains("Column 'name' (ordinal 1) is NULL", error.Message, StringComparison.Ordinal);
        Assert.Contains("User.Name is not nullable", error.Message, StringComparison.Ordinal);
        Assert.Equal("select id, email as name, email from users where id = $1", error.Sql);
        Assert.NotNull(error.Instance);
        Assert.Equal(0, cluster.Client.ConnectionsInUse);
        Assert.Equal(new User(1, "ann@example.com", "ann@example.com"), await Users.WithNullNameAsync(1));
    }

    [Fact]
    public async Task A_stream_that_meets_a_row_that_does_not_fit_names_the_instance_and_returns_its_connection()
    {
        var read = new List<long>();

        var error = await Assert.ThrowsAsync<PicoMappingException>(async () =>
        {
            await foreach (var user in Users.StreamWithNullNamesAsync())
            {
                read.Add(user.Id);
            }
        });

        Assert.Equal([1L], read);
        Assert.Equal("name", error.Column);
        Assert.Contains(cluster.Cluster.Cluster.Instances, i => error.Instance!.StartsWith(i.Name + " (", StringComparison.Ordinal));
        Assert.Equal(0, cluster.Client.ConnectionsInUse);

        await using var lease = await cluster.Client.AcquireAsync();
        var onLease = await Assert.ThrowsAsync<PicoMappingException>(async () =>
        {
            await foreach (var _ in IUserQueries.Create(lease).StreamWithNullNamesAsync())
            {
            }
        });
        Assert.StartsWith(lease.Instance.Name + " (", onLease.Instance, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_integer_too_large_for_its_member_is_a_mapping_error_not_a_wrapped_value()
    {
        var error = await Assert.ThrowsAsync<PicoMappingException>(() => Users.VisitsAsShortAsync(2));

        Assert.Equal("visits", error.Column);
        Assert.Contains("holds 5000000000, which does not fit", error.Message, StringComparison.Ordinal);
        Assert.IsType<OverflowException>(error.InnerException);
        Assert.Equal((short)7, await Users.VisitsAsShortAsync(1));
        var account = await Assert.ThrowsAsync<PicoMappingException>(() => Users.AccountAsync(2));
        Assert.Contains("Account.Visits (int)", account.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_utc_datetime_is_refused_before_anything_is_sent()
    {
        var local = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Local);

        var error = await Assert.ThrowsAsync<PicoParameterException>(() => Users.CreatedAfterAsync(local));

        Assert.Contains("'after'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kind Local", error.Message, StringComparison.Ordinal);
        foreach (var instance in cluster.Cluster.Instances)
        {
            var log = await cluster.Cluster.Cluster.ReadStatementLogAsync(instance.Name);
            Assert.DoesNotContain(log, e => e.Text.Contains("created_at > $1", StringComparison.Ordinal));
        }

        Assert.Equal([2L, 3L], await Users.CreatedAfterAsync(UsersCluster.Created));
        Assert.Equal([3L], await Users.CreatedAfterOffsetAsync(new DateTimeOffset(UsersCluster.Created.AddDays(1))));
    }

    [Fact]
    public async Task A_cancelled_call_throws_and_leaves_the_pool_whole()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Users.FindAsync(1, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Users.CountAsync(cancelled.Token).AsTask());

        Assert.Equal(0, cluster.Client.ConnectionsInUse);
        Assert.Equal(3L, await Users.CountAsync());
    }

    [Fact]
    public async Task Cancelling_a_stream_mid_enumeration_ends_it_and_returns_the_connection()
    {
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var user in Users.StreamAsync(cancellation.Token))
            {
                seen++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, seen);
        Assert.Equal(0, cluster.Client.ConnectionsInUse);
        Assert.Equal(3, (await Users.ListAsync()).Count);
    }
}
