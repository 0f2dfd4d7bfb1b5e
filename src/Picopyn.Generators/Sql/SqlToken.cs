using System;

namespace Picopyn.Generators.Sql;

/// <summary>One token of a statement: its kind, where it stands in the SQL text, and its text.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, string Text)
{
    public int End => Start + Length;

    /// <summary>Whether this is the unquoted word <paramref name="keyword"/>, in any case.</summary>
    public bool IsWord(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    /// <summary>Whether this token can name something: a word or a quoted identifier.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>The name as Picodata stores it: an unquoted word folded to lower case, a quoted identifier as written.</summary>
    public string Name => Kind == SqlTokenKind.QuotedIdentifier
        ? Text.Substring(1, Text.Length - 2).Replace("\"\"", "\"")
        : Text.ToLowerInvariant();
}
