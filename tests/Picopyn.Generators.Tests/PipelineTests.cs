using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Picopyn.Generators.Model;
using Picopyn.Generators.Tests.Harness;

namespace Picopyn.Generators.Tests;

/// <summary>The pipeline's models are plain equatable data, so an edit elsewhere hits the cache.</summary>
public sealed class PipelineTests
{
    private const string Queries = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Picopyn;
        namespace App;
        public sealed record User(long Id, string Name, string? Email);
        public partial interface IUserQueries
        {
            [PicoQuery("select id, name, email from users where id = $1")]
            Task<User?> FindAsync(long id, CancellationToken ct = default);

            [PicoQuery("select id, name, email from users order by id")]
            Task<List<User>> AllAsync(CancellationToken ct = default);

            [PicoQuery("select id, name, email, age from users")]
            Task<List<User>> WithWarningAsync();
        }
        """;

    private const string Unrelated = """
        namespace App;
        public static class Unrelated { public static int Answer() => 42; }
        """;

    private static readonly string[] Steps =
        [TrackingNames.Methods, TrackingNames.Schema, TrackingNames.Bound, TrackingNames.Models, TrackingNames.Diagnostics, TrackingNames.Interfaces];

    private const string Schema = """
        create table users (id integer primary key, name text not null, email text, age integer) distributed by (id);
        """;

    [Fact]
    public void The_pipeline_model_holds_no_roslyn_type_and_every_type_in_it_is_equatable()
    {
        var seen = new HashSet<Type>();
        Walk(typeof(QueryMethodSpec), seen);
        Walk(typeof(Schema.SchemaModel), seen);
        Walk(typeof(QueryMethodResult), seen);

        Assert.Contains(typeof(QueryMethodModel), seen);
        Assert.Contains(typeof(RowTypeShape), seen);
        Assert.Contains(typeof(Schema.SchemaColumn), seen);
        Assert.Contains(typeof(ColumnReadModel), seen);
        foreach (var type in seen)
        {
            Assert.False(type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal), $"{type} is a Roslyn type");
            Assert.True(type.IsEnum || type.IsPrimitive || type == typeof(string) || IsEquatable(type), $"{type} is not equatable");
        }
    }

    [Fact]
    public void Equal_input_gives_equal_models()
    {
        var first = Models(GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(Queries)));
        var second = Models(GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(Queries)));

        Assert.Equal(3, first.Count);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_edit_to_an_unrelated_file_leaves_every_tracked_step_cached_or_unchanged(bool withSchema)
    {
        var compilation = GeneratorHarness.Compilation(Queries, Unrelated);
        var driver = (withSchema ? GeneratorHarness.Driver(Schema) : GeneratorHarness.Driver()).RunGenerators(compilation);

        var edited = Replace(compilation, 1, Unrelated.Replace("42", "43", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in Steps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {output.Reason}"));
        }

        // Every output that writes source comes from the cache. The diagnostics output runs again:
        // it turns stored spans into locations in the new syntax trees (so #pragma applies), and writes no source.
        var sourceSteps = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.All(sourceSteps.Where(o => GeneratedSourceCount(o.Value) > 0),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.Equal(4, sourceSteps.Count(o => GeneratedSourceCount(o.Value) > 0));
    }

    [Fact]
    public void A_schema_edit_rebinds_every_method_without_parsing_any_again_and_a_comment_in_it_changes_nothing()
    {
        var compilation = GeneratorHarness.Compilation(Queries, Unrelated);
        var schemaFile = new SchemaText("/app/schema.sql", Schema);
        var driver = GeneratorHarness.Driver([schemaFile]).RunGenerators(compilation);
        var before = Sources(driver);

        // A comment changes the file but not the tables: nothing is bound again.
        var commented = new SchemaText(schemaFile.Path, "-- users of the app\n" + Schema);
        driver = driver.ReplaceAdditionalText(schemaFile, commented).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.All(Outputs(result, TrackingNames.Methods), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(Outputs(result, TrackingNames.Schema), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(Outputs(result, TrackingNames.Bound), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));

        // Email becomes NOT NULL: every method is bound again (none parsed again), and only the warnings change.
        var changed = new SchemaText(schemaFile.Path, Schema.Replace("email text", "email text not null", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(commented, changed).RunGenerators(compilation);
        result = driver.GetRunResult().Results.Single();
        Assert.All(Outputs(result, TrackingNames.Methods), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(Outputs(result, TrackingNames.Schema), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.Equal(3, Outputs(result, TrackingNames.Bound).Count);
        Assert.Equal(before, Sources(driver));
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();

    // A source output step's value is (generated sources, diagnostics); the first's element type is internal to Roslyn.
    private static int GeneratedSourceCount(object value)
    {
        var sources = value.GetType().GetField("Item1")!.GetValue(value)!;
        return (int)sources.GetType().GetProperty("Length")!.GetValue(sources)!;
    }

    [Fact]
    public void An_edit_of_one_sql_string_changes_only_that_methods_output()
    {
        var compilation = GeneratorHarness.Compilation(Queries, Unrelated);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var before = Sources(driver);

        var edited = Replace(compilation, 0, Queries.Replace("order by id", "order by name", StringComparison.Ordinal));
        driver = driver.RunGenerators(edited);
        var after = Sources(driver);
        var result = driver.GetRunResult().Results.Single();

        var changed = before.Keys.Where(hint => before[hint] != after[hint]).ToList();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal([HintFor(before, "AllAsync")], changed);
        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, models.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(2, models.Count(o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
        var interfaces = result.TrackedSteps[TrackingNames.Interfaces].SelectMany(s => s.Outputs);
        Assert.All(interfaces, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    private static string HintFor(Dictionary<string, string> sources, string method) =>
        sources.Keys.Single(hint => hint.Contains("." + method + ".", StringComparison.Ordinal));

    private static Dictionary<string, string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    private static List<object> Models(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath));
    }

    private static void Walk(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type) || type.IsEnum || type.IsPrimitive || type == typeof(string))
        {
            return;
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Walk(argument, seen);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            return; // its elements were walked; its one field is the array behind them
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                Walk(property.PropertyType, seen);
            }
        }
    }

    private static bool IsEquatable(Type type) =>
        typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type) &&
        type.GetMethod(nameof(Equals), [typeof(object)])!.DeclaringType == type;
}
