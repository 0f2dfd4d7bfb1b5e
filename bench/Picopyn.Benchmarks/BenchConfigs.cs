using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Picopyn.Benchmarks;

/// <summary>
/// The two ways to run the suites. Both run in-process (the emulated cluster is started once and
/// shared) with the memory diagnoser, and report ratios to each suite's baseline.
/// </summary>
public static class BenchConfigs
{
    /// <summary>Few, short iterations: every suite in a few minutes, for a first look and for CI-like checks.</summary>
    public static IConfig Quick() => Create(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(5)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200))
        .WithId("quick"));

    /// <summary>Fifteen half-second iterations after five warm-ups per case, for the numbers kept in docs/benchmarks.md (about 8 minutes in all).</summary>
    public static IConfig Full() => Create(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(5)
        .WithIterationCount(15)
        .WithId("full"));

    private static ManualConfig Create(Job job) => ManualConfig.CreateEmpty()
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddColumn(BaselineRatioColumn.RatioMean, BaselineAllocationRatioColumn.RatioMean)
        .AddLogger(ConsoleLogger.Default)
        .AddExporter(MarkdownExporter.GitHub)
        .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value))
        .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
        .WithOption(ConfigOptions.JoinSummary, false);
}
