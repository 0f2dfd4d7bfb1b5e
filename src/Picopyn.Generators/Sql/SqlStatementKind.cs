namespace Picopyn.Generators.Sql;

/// <summary>What a statement does.</summary>
internal enum SqlStatementKind
{
    /// <summary>Not a statement the reader knows.</summary>
    Unknown,

    /// <summary><c>SELECT</c>, possibly behind <c>WITH</c> or parentheses, or a set operation of them.</summary>
    Select,

    /// <summary>A bare <c>VALUES (...), (...)</c>.</summary>
    Values,

    /// <summary><c>INSERT</c>.</summary>
    Insert,

    /// <summary><c>UPDATE</c>.</summary>
    Update,

    /// <summary><c>DELETE</c>.</summary>
    Delete,

    /// <summary><c>TRUNCATE</c>.</summary>
    Truncate,

    /// <summary><c>CREATE</c>, <c>DROP</c>, <c>ALTER</c> of tables, indexes, procedures, schemas and partitions.</summary>
    Ddl,

    /// <summary>Transaction control, a no-op on Picodata.</summary>
    Transaction,

    /// <summary><c>DO $$ BEGIN … END $$</c>: a transactional block (a read when it only has <c>LET</c> and <c>RETURN QUERY</c>).</summary>
    Block,

    /// <summary><c>EXPLAIN …</c>: a read whose rows are the plan's text lines.</summary>
    Explain,

    /// <summary><c>CALL procedure(…)</c>.</summary>
    Call,

    /// <summary>Access control, <c>SET</c>, plugins, <c>DEALLOCATE</c>, <c>BACKUP</c>, <c>ALTER SYSTEM</c>.</summary>
    Other,
}
