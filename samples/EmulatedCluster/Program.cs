// Starts an emulated Picodata cluster for experiments, prints how to reach each instance, and
// stops it on Ctrl+C (or SIGTERM):
//
//   dotnet run --project samples/EmulatedCluster -- --instances 3
//   dotnet run --project samples/EmulatedCluster -- --tls          (TLS only, as Picodata with TLS on)
using System.CommandLine;
using System.Diagnostics;
using Picopyn.Testing;

var instances = new Option<int>("--instances", "-n")
{
    Description = "How many instances to start.",
    DefaultValueFactory = _ => 3,
};
var hideSystemTables = new Option<bool>("--hide-system-tables")
{
    Description = "Deny the application user read access to the _pico_* tables, as Picodata does without GRANT READ.",
};
var showCatalogs = new Option<bool>("--show-catalogs")
{
    Description = "Leave PostgreSQL's catalogs readable (Picodata has none; they are hidden by default). Behind the front they are refused anyway: combine with --no-front.",
};
var noFront = new Option<bool>("--no-front")
{
    Description = "Put clients on each instance's PostgreSQL itself, without the Picodata front (which reads every statement as Picodata does).",
};
var user = new Option<string>("--user")
{
    Description = "The application login.",
    DefaultValueFactory = _ => "app",
};
var password = new Option<string?>("--password")
{
    Description = "The application password (random when omitted).",
};

var tls = new Option<bool>("--tls")
{
    Description = "Speak TLS only, as Picodata with TLS on: prints the certificate authority's path and a verify-full DSN; plaintext is refused (28000).",
};
var clientCertificates = new Option<bool>("--client-certificates")
{
    Description = "With --tls: require a client certificate (mTLS), as Picodata's pgproto with a ca.crt; the DSN carries one for the user.",
};
var auth = new Option<PicodataAuthMethod>("--auth")
{
    Description = "How the user authenticates: Md5 (Picodata's default), ScramSha256, or Ldap (the password in the clear: use with --tls).",
    DefaultValueFactory = _ => PicodataAuthMethod.Md5,
};

var root = new RootCommand("Start an emulated Picodata cluster on PostgreSQL and keep it running until Ctrl+C.")
{
    instances, hideSystemTables, showCatalogs, noFront, user, password, tls, clientCertificates, auth,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var options = new EmulatedClusterOptions
    {
        InstanceCount = parse.GetValue(instances),
        HideSystemTables = parse.GetValue(hideSystemTables),
        HideCatalogs = !parse.GetValue(showCatalogs),
        PicodataFront = !parse.GetValue(noFront),
        User = parse.GetValue(user)!,
        Password = parse.GetValue(password),
        Tls = parse.GetValue(tls) || parse.GetValue(clientCertificates),
        TlsClientCertificates = parse.GetValue(clientCertificates),
        AuthMethod = parse.GetValue(auth),
    };

    var stopwatch = Stopwatch.StartNew();
    await using var cluster = await EmulatedPicodataCluster.StartNewAsync(options, cancellationToken);
    Console.WriteLine($"Started {cluster.Instances.Count} instances in {stopwatch.Elapsed.TotalSeconds:F1} s (files in {cluster.RootDirectory}).");
    Console.WriteLine();
    foreach (var instance in cluster.Instances)
    {
        Console.WriteLine($"{instance.Name}  uuid {instance.Uuid}  pgproto {instance.PgprotoAddress}");
        Console.WriteLine($"  {instance.ConnectionString}");
    }

    Console.WriteLine();
    Console.WriteLine($"DSN: {cluster.BuildDsn()}");
    var psqlTls = string.Empty;
    if (cluster.CertificateAuthorityPath is { } authority)
    {
        Console.WriteLine($"CA certificate: {authority}");
        psqlTls = $" PGSSLMODE=verify-full PGSSLROOTCERT='{authority}'";
        if (cluster.ClientCertificate is { } client)
        {
            // libpq wants the key readable by its owner only, which the issued file is.
            psqlTls += $" PGSSLCERT='{client.CertificatePath}' PGSSLKEY='{client.KeyPath}'";
        }
    }

    Console.WriteLine($"psql: PGPASSWORD='{cluster.Password}'{psqlTls} psql -h 127.0.0.1 -p {cluster.Instances[0].Port} -U {cluster.User} {cluster.Database}");
    Console.WriteLine();
    Console.WriteLine("Press Ctrl+C to stop the cluster and delete its files.");

    try
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping...");
    }

    return 0;
});

// Give disposal time to stop every server after Ctrl+C before the process is forced to exit.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
