using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Diagnostics;

/// <summary>Collects a method's diagnostics as plain <see cref="DiagnosticInfo"/>s.</summary>
internal sealed class DiagnosticCollector
{
    private readonly List<DiagnosticInfo> _items = [];

    /// <summary>Whether an error (as opposed to a warning) was reported.</summary>
    public bool HasErrors { get; private set; }

    public void Add(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        Add(descriptor, Describe(location), arguments);
    }

    public void Add(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
    {
        HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        _items.Add(new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(arguments)));
    }

    /// <summary>Takes over diagnostics collected by an earlier step.</summary>
    public void AddRange(EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var item in diagnostics)
        {
            HasErrors |= DiagnosticDescriptors.ById.TryGetValue(item.Id, out var descriptor) && descriptor.DefaultSeverity == DiagnosticSeverity.Error;
            _items.Add(item);
        }
    }

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
