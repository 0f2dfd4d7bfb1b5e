namespace Picopyn.Generators.Sql;

/// <summary>Something in a statement that Picodata would refuse, or that cannot be read at all.</summary>
internal enum SqlFaultKind
{
    /// <summary>The text is not a statement: empty, unterminated, unbalanced, or not a known statement.</summary>
    Syntax,

    /// <summary>A <c>--</c> or <c>/* */</c> comment: a syntax error on Picodata.</summary>
    Comment,

    /// <summary>More than one statement: Picodata takes one per request.</summary>
    SeveralStatements,

    /// <summary><c>$n</c> and <c>?</c> placeholders in one statement.</summary>
    MixedPlaceholders,

    /// <summary><c>$0</c>: placeholders count from <c>$1</c>.</summary>
    PlaceholderZero,

    /// <summary>A placeholder number is skipped (<c>$1</c> and <c>$3</c> without <c>$2</c>).</summary>
    PlaceholderGap,

    /// <summary><c>LIMIT</c> followed by anything but an unsigned literal or <c>ALL</c>.</summary>
    LimitNotLiteral,

    /// <summary><c>OFFSET</c>, which Picodata does not have.</summary>
    Offset,

    /// <summary><c>RETURNING</c>, which Picodata does not have.</summary>
    Returning,

    /// <summary><c>RIGHT</c>, <c>FULL</c>, <c>CROSS</c> or <c>NATURAL</c> joins, or <c>USING</c>: only <c>[INNER] JOIN ... ON</c> and <c>LEFT [OUTER] JOIN ... ON</c> exist.</summary>
    UnsupportedJoin,

    /// <summary>Tables separated by commas in <c>FROM</c>: join them with <c>JOIN ... ON</c>.</summary>
    CommaJoin,

    /// <summary><c>BEGIN</c>, <c>COMMIT</c>, <c>ROLLBACK</c>...: accepted and ignored by Picodata, so never what the code means.</summary>
    TransactionStatement,

    /// <summary><c>WITH RECURSIVE</c>: Picodata's CTEs are not recursive.</summary>
    RecursiveCte,

    /// <summary>Two result columns with the same name.</summary>
    DuplicateColumn,

    /// <summary>
    /// A <c>DO</c> block Picodata refuses: <c>LET</c> or <c>RETURN QUERY</c> after DML, a bare query, a <c>LET</c> of more
    /// than one column, <c>RETURN QUERY</c>s of different widths, an <c>UPDATE</c> with a subquery.
    /// </summary>
    BlockRule,

    /// <summary><c>ON CONFLICT DO UPDATE</c> outside a <c>DO</c> block, where Picodata does not support it.</summary>
    ConflictUpdateOutsideBlock,

    /// <summary>A column beside <c>GROUP BY</c> (or beside an aggregate) that is neither grouped nor aggregated.</summary>
    UngroupedColumn,

    /// <summary>An aggregate or a window function inside <c>GROUP BY</c>.</summary>
    AggregateInGroupBy,

    /// <summary><c>OVER w</c> where the query's <c>WINDOW</c> clause defines no <c>w</c>.</summary>
    UnknownWindow,

    /// <summary>An integer literal outside Picodata's 64-bit integer range.</summary>
    IntegerOutOfRange,

    /// <summary>Rows of different widths: the arms of a <c>UNION</c>/<c>EXCEPT</c>, the rows of a <c>VALUES</c>, an <c>INSERT</c>'s rows against its column list.</summary>
    WidthMismatch,

    /// <summary>A function Picodata does not have, or a window function called without <c>OVER</c>.</summary>
    UnknownFunction,

    /// <summary>Types Picodata cannot resolve: an operator's operands, a non-boolean condition or NOT, UNION arms that cannot be unified.</summary>
    TypeMismatch,
}
