using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Picopyn.Generators.Tests.Harness;

namespace Picopyn.Generators.Tests;

/// <summary>
/// The realistic case (tests/Picopyn.Generators.SchemaTests: shop.sql, 6 tables, 48 queries that
/// build clean there) compiled here with SEEDED_MISTAKES defined: every seeded mistake is reported
/// exactly once, with the ID its <c>// seeded: PICOnnn</c> comment names, on its own line — and
/// nothing else is reported anywhere.
/// </summary>
public sealed partial class SeededMistakesTests
{
    [Fact]
    public void Each_seeded_mistake_is_reported_exactly_once_and_the_correct_queries_not_at_all()
    {
        var directory = Path.Combine(RepositoryRoot(), "tests", "Picopyn.Generators.SchemaTests");
        var source = File.ReadAllText(Path.Combine(directory, "ShopQueries.cs"));
        var schema = File.ReadAllText(Path.Combine(directory, "shop.sql"));
        var options = GeneratorHarness.ParseOptions.WithPreprocessorSymbols("SEEDED_MISTAKES");
        var tree = CSharpSyntaxTree.ParseText(source, options, path: "/app/ShopQueries.cs");
        // The project compiles it with implicit usings.
        var compilation = GeneratorHarness.Compilation(
            "global using System; global using System.Collections.Generic; global using System.Threading; global using System.Threading.Tasks;")
            .AddSyntaxTrees(tree);

        var outcome = GeneratorHarness.Run(compilation, GeneratorHarness.Driver(schema));

        var lines = source.Split('\n');
        var seeded = lines
            .Select((text, index) => (Line: index, Match: Seeded().Match(text)))
            .Where(l => l.Match.Success)
            .Select(l => (l.Line, Id: l.Match.Groups[1].Value))
            .ToList();
        var reported = outcome.Diagnostics.Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line, d.Id)).ToList();

        Assert.Equal(24, seeded.Count);
        Assert.Equal(seeded.OrderBy(s => s.Line), reported.OrderBy(r => r.Line));
        Assert.Empty(outcome.CompilerDiagnostics);
    }

    [GeneratedRegex(@"// seeded: (PICO\d{3})")]
    private static partial Regex Seeded();

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
