// Picopyn quickstart: connect, create a table, write and read rows by key, each query routed to the
// instance that owns the key's bucket, and show which instance served each one.
//
//   dotnet run --project samples/Picopyn.Samples.Quickstart                  # an embedded emulated 3-instance cluster
//   dotnet run --project samples/Picopyn.Samples.Quickstart -- --dsn postgresql://app:secret@node1:4327/db
using System.CommandLine;
using Picopyn;
using Picopyn.Samples.Quickstart;
using Picopyn.Testing;

var dsnOption = new Option<string?>("--dsn")
{
    Description = "A real Picodata cluster to run against; without it an emulated 3-instance cluster is started.",
};
var rowsOption = new Option<int>("--rows")
{
    Description = "How many rows to write and read back.",
    DefaultValueFactory = _ => 12,
};
var root = new RootCommand("Picopyn quickstart: write and read rows through the balancing pool.") { dsnOption, rowsOption };
root.SetAction(async (parse, cancellationToken) =>
{
    var rows = parse.GetValue(rowsOption);
    if (parse.GetValue(dsnOption) is { } dsn)
    {
        // Picodata's dialect: an INTEGER is 64-bit, and a table is sharded by its primary key.
        await using var client = await PicoClient.ConnectAsync(dsn, cancellationToken: cancellationToken);
        // Picodata's grammar has no comments: the schema file's are left out of what is sent.
        var ddl = (await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "quickstart.sql"), cancellationToken))
            .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal));
        await client.ExecuteAsync(
            string.Join('\n', ddl).Replace("create table", "create table if not exists", StringComparison.Ordinal), cancellationToken: cancellationToken);
        await Quickstart.RunAsync(client, rows, cancellationToken);
    }
    else
    {
        Console.WriteLine("No --dsn given: starting an emulated 3-instance Picodata cluster on local PostgreSQL servers...");
        await using var cluster = await EmulatedPicodataCluster.StartNewAsync(cancellationToken: cancellationToken);
        await cluster.ExecuteDdlAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "quickstart.sql"), cancellationToken), cancellationToken);
        // Seed the client with one instance only: it discovers the other two.
        await using var client = await PicoClient.ConnectAsync(cluster.BuildDsn([cluster.Instances[0]]), cancellationToken: cancellationToken);
        await Quickstart.RunAsync(client, rows, cancellationToken);
        Console.WriteLine("Stopping the emulated cluster.");
    }

    return 0;
});
return await root.Parse(args).InvokeAsync();

internal static class Quickstart
{
    public static async Task RunAsync(PicoClient client, int rows, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Connected; the client found {client.Instances.Count} instance(s):");
        foreach (var instance in client.Instances)
        {
            Console.WriteLine($"  {instance}");
        }

        // Generated at build time from the [PicoQuery] methods in QuickstartQueries.cs.
        var queries = IQuickstartQueries.Create(client);
        await queries.DeleteAllAsync(cancellationToken);
        for (var id = 1L; id <= rows; id++)
        {
            await queries.InsertAsync(id, $"user {id}", id % 3 == 0 ? null : $"user{id}@example.com", cancellationToken);
        }

        Console.WriteLine($"Wrote {rows} rows. Reading them back, one query each, routed by id to its bucket's owner:");
        var names = client.Instances.Where(i => i.Uuid is not null).ToDictionary(i => i.Uuid!, i => i.Name ?? i.Endpoint.ToString());
        var served = new Dictionary<string, int>();
        var owned = 0;
        for (var id = 1L; id <= rows; id++)
        {
            var user = await queries.FindAsync(id, cancellationToken);
            var instance = names.GetValueOrDefault(user!.ServedBy, user.ServedBy);
            served[instance] = served.GetValueOrDefault(instance) + 1;
            // The bucket map the client read with discovery: who owns this id's bucket.
            var owner = client.OwnerOf(PicoKey.Of(id));
            var owns = owner is { } o && o.Instance.Uuid == user.ServedBy;
            owned += owns ? 1 : 0;
            var ownership = owner is { } known
                ? owns ? $"which owns bucket {known.Bucket}" : $"bucket {known.Bucket} is {known.Instance.Name}'s"
                : "(no bucket map: balanced)";
            Console.WriteLine($"  id {id,3}: {user.Name,-8} {user.Email ?? "(no email)",-22} served by {instance}, {ownership}");
        }

        Console.WriteLine($"{owned} of {rows} reads were served by the owner of their bucket.");

        Console.WriteLine("Queries per instance:");
        foreach (var (instance, count) in served.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {instance}: {count}");
        }

        var withoutEmail = 0;
        await foreach (var user in queries.StreamAllAsync(cancellationToken))
        {
            withoutEmail += user.Email is null ? 1 : 0;
        }

        var total = await queries.CountAsync(cancellationToken);
        Console.WriteLine($"{total} rows in quickstart_users ({withoutEmail} without email); {client.OpenConnections} server connection(s) open.");
    }
}
