using System;

namespace Picopyn.Generators.Sql;

/// <summary>One token of a statement: its kind, where it stands in the SQL text, and its text.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, string Text)
{
    public int End => Start + Length;

    /// <summary>Whether this is the unquoted word <paramref name="keyword"/>, in any case.</summary>
    public bool IsWord(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;
}
