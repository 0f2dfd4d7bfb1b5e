namespace Picopyn;

/// <summary>A statement's SQL and kind: what generated code hands the runtime for each query.</summary>
/// <param name="Sql">The SQL text with <c>$1..$n</c> placeholders.</param>
/// <param name="Kind">Whether it reads or writes, which decides whether it may be retried elsewhere.</param>
public readonly record struct PicoStatement(string Sql, PicoStatementKind Kind)
{
    /// <summary>A statement whose kind is read from its first keyword: <c>SELECT</c>, <c>WITH</c> and <c>VALUES</c> read, anything else writes.</summary>
    public static PicoStatement Infer(string sql) => new(sql, StatementClassifier.Classify(sql));

    /// <summary>
    /// The sharding key of the rows the statement touches, when they are in one bucket: the client sends it to
    /// the replicaset that owns the bucket (docs/routing.md). <see langword="null"/>: any instance, by balancing.
    /// </summary>
    public PicoKey? Key { get; init; }

    /// <summary>What the key is made of, for logs and traces: the generator's <c>users.id = $1</c>.</summary>
    public string? RoutedBy { get; init; }

    /// <summary>
    /// The statement's operation and tables, low in cardinality (<c>SELECT users</c>, <c>INSERT orders</c>): the
    /// name of its span and its <c>db.query.summary</c> (docs/hosting.md). Generated methods carry the one the
    /// generator read from the parsed statement; <see langword="null"/>: read from the text's first keyword and table
    /// when a listener wants it.
    /// </summary>
    public string? Summary { get; init; }

    /// <summary>Whether the statement may run again on another instance after its connection was lost.</summary>
    public bool IsRetryable => Kind is PicoStatementKind.Read or PicoStatementKind.IdempotentWrite;
}
