namespace Picopyn.Benchmarks.Mapping;

/// <summary>The benchmarks' row: Picodata's integer, text, nullable text, double, boolean and datetime.</summary>
public sealed record BenchRow(long Id, string Name, string? Note, double Score, bool Active, DateTime Created);
