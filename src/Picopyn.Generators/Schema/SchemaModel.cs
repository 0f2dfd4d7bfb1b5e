using System;
using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Schema;

/// <summary>
/// The app's schema, read from its <c>&lt;PicoSchema&gt;</c> files: the tables queries are checked
/// against. Plain, equatable data, so methods are re-checked only when the schema really changes.
/// </summary>
/// <param name="IsGiven">Whether the project gives a schema at all; without one only the parse-level checks run.</param>
/// <param name="Tables">Every table of every schema file.</param>
/// <param name="Diagnostics">What could not be read in the schema files.</param>
internal sealed record SchemaModel(bool IsGiven, EquatableArray<SchemaTable> Tables, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static SchemaModel None { get; } = new(false, EquatableArray<SchemaTable>.Empty, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>The table of this name (as Picodata folds it), or <see langword="null"/>.</summary>
    public SchemaTable? Table(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
