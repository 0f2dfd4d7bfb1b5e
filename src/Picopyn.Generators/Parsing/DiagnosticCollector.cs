using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Parsing;

/// <summary>Collects a method's diagnostics as plain <see cref="DiagnosticInfo"/>s.</summary>
internal sealed class DiagnosticCollector
{
    private readonly List<DiagnosticInfo> _items = [];

    /// <summary>Whether an error (as opposed to a warning) was reported.</summary>
    public bool HasErrors { get; private set; }

    public void Add(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        _items.Add(new DiagnosticInfo(descriptor.Id, Describe(location), new EquatableArray<string>(arguments)));
    }

    public void Add(DiagnosticDescriptor descriptor, SyntaxTree tree, TextSpan span, params string[] arguments) =>
        Add(descriptor, Location.Create(tree, span), arguments);

    public EquatableArray<DiagnosticInfo> ToArray() => new(_items.ToArray());

    public static LocationInfo? Describe(Location? location)
    {
        if (location is null || location == Location.None)
        {
            return null;
        }

        var lines = location.GetLineSpan();
        return new LocationInfo(
            lines.Path ?? string.Empty, location.SourceSpan.Start, location.SourceSpan.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character);
    }

    public bool Any(string id) => _items.Any(item => item.Id == id);
}
