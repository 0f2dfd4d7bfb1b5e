using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Picopyn.Generators.Tests.Harness;

/// <summary>A schema file as the build hands it to the generator: an additional file with <c>PicoSchema="true"</c> metadata.</summary>
internal sealed class SchemaText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>The options the build's <c>&lt;PicoSchema&gt;</c> item gives: the metadata that marks a schema file.</summary>
internal sealed class SchemaOptionsProvider(IEnumerable<string> schemaPaths) : AnalyzerConfigOptionsProvider
{
    private readonly ImmutableHashSet<string> _schemaPaths = schemaPaths.ToImmutableHashSet();

    public override AnalyzerConfigOptions GlobalOptions => Options.None;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _schemaPaths.Contains(textFile.Path) ? Options.Schema : Options.None;

    private sealed class Options(bool schema) : AnalyzerConfigOptions
    {
        public static readonly Options None = new(false);
        public static readonly Options Schema = new(true);

        public override bool TryGetValue(string key, out string value)
        {
            value = schema && key == "build_metadata.AdditionalFiles.PicoSchema" ? "true" : string.Empty;
            return value.Length > 0;
        }
    }
}
