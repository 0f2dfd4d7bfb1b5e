namespace Picopyn.Generators.Sql;

/// <summary>What a token of Picodata SQL is.</summary>
internal enum SqlTokenKind
{
    /// <summary>An unquoted word: a keyword or an identifier (folded to lower case by Picodata).</summary>
    Word,

    /// <summary>A <c>"quoted identifier"</c>, kept as written.</summary>
    QuotedIdentifier,

    /// <summary>A <c>'string literal'</c>.</summary>
    String,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>A positional placeholder <c>$n</c>.</summary>
    DollarParameter,

    /// <summary>An anonymous placeholder <c>?</c>.</summary>
    QuestionParameter,

    /// <summary>A <c>-- line</c> or <c>/* block */</c> comment (Picodata refuses both).</summary>
    Comment,

    /// <summary>Punctuation or an operator: <c>( ) , ; . *</c>, <c>::</c>, <c>||</c>, <c>&lt;=</c>, <c>$$</c>...</summary>
    Symbol,

    /// <summary>An unterminated string, identifier or comment, or a character SQL does not use.</summary>
    Invalid,

    /// <summary>Not in the text: what the parser sees past the last token (zero length, at the end of the text).</summary>
    End,
}
