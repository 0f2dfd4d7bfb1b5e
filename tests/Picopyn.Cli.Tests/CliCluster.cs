namespace Picopyn.Cli.Tests;

/// <summary>One emulated cluster with the tables the tool is tested against, created with Picodata DDL.</summary>
public sealed class CliCluster : IAsyncLifetime
{
    public const string Ddl = """
        create table verify_items (
            id integer primary key, name text not null, price double, active boolean not null,
            created datetime not null, ref uuid, amount decimal not null
        ) distributed by (id);
        create table cli_orders (
            id integer not null, user_id integer not null, note string, qty unsigned not null, meta json,
            primary key (id, user_id)
        ) using memtx distributed by (user_id);
        create table cli_settings (key text primary key, value varchar(100)) distributed globally;
        create index cli_orders_note on cli_orders (note);
        """;

    private EmulatedPicodataCluster? _cluster;

    public EmulatedPicodataCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not started.");

    public string Dsn => Cluster.BuildDsn();

    public async Task InitializeAsync()
    {
        _cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 2 });
        await _cluster.ExecuteDdlAsync(Ddl);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
