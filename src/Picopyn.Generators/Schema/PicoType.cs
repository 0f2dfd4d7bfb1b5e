namespace Picopyn.Generators.Schema;

/// <summary>A Picodata column type (see docs/picodata.md, "Types on the wire"), synonyms folded: <c>int</c>, <c>bigint</c> and <c>smallint</c> are <see cref="Integer"/>, <c>varchar(n)</c> and <c>string</c> are <see cref="Text"/>...</summary>
internal enum PicoType
{
    /// <summary>Not known: an expression the checks cannot type, a NULL literal, a placeholder. Never a mismatch.</summary>
    Unknown,

    /// <summary><c>integer</c> (<c>int</c>, <c>bigint</c>, <c>smallint</c>): 64-bit, sent as int8.</summary>
    Integer,

    /// <summary><c>unsigned</c>: an integer of at least 0, sent as int8.</summary>
    Unsigned,

    /// <summary><c>double</c>: sent as float8.</summary>
    Double,

    /// <summary><c>decimal</c> (<c>numeric</c>): sent as numeric.</summary>
    Decimal,

    /// <summary><c>text</c> (<c>string</c>, <c>varchar(n)</c>).</summary>
    Text,

    /// <summary><c>boolean</c> (<c>bool</c>).</summary>
    Boolean,

    /// <summary><c>datetime</c>: a timestamp with offset, sent as timestamptz.</summary>
    Datetime,

    /// <summary><c>uuid</c>.</summary>
    Uuid,

    /// <summary><c>json</c>: columns only, sent as json text.</summary>
    Json,
}
