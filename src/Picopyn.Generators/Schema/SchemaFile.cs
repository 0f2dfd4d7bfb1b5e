using Picopyn.Generators.Model;

namespace Picopyn.Generators.Schema;

/// <summary>One schema file as read: its tables and what in it could not be read.</summary>
internal sealed record SchemaFile(string Path, EquatableArray<SchemaTable> Tables, EquatableArray<DiagnosticInfo> Diagnostics);
