// Picopyn's benchmarks (bench/README.md):
//
//   dotnet run -c Release --project bench/Picopyn.Benchmarks -- --quick            every suite, a few minutes
//   dotnet run -c Release --project bench/Picopyn.Benchmarks                        every suite, full statistics
//   dotnet run -c Release --project bench/Picopyn.Benchmarks -- --filter '*Pool*'   one suite (BenchmarkDotNet's filters)
using BenchmarkDotNet.Running;
using Picopyn.Benchmarks;

var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToList();
if (!rest.Contains("--filter"))
{
    rest.AddRange(["--filter", "*"]);   // all suites, never BenchmarkDotNet's interactive menu
}

try
{
    BenchmarkSwitcher.FromAssembly(typeof(BenchCluster).Assembly).Run([.. rest], quick ? BenchConfigs.Quick() : BenchConfigs.Full());
}
finally
{
    await BenchCluster.StopAsync();
}
