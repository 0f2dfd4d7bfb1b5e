namespace Picopyn;

/// <summary>
/// Marks a partial method whose body the Picopyn source generator writes: it runs
/// <see cref="Sql"/> on the cluster, binds the method's parameters to <c>$1..$n</c> in order, and
/// maps the rows into the method's return type — or reports at build time what does not fit.
/// </summary>
/// <example>
/// <code>
/// [PicoQuery("SELECT id, name, email FROM users WHERE id = $1")]
/// Task&lt;User?&gt; FindAsync(long id, CancellationToken ct = default);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PicoQueryAttribute : Attribute
{
    /// <summary>Marks a method with the statement it runs.</summary>
    /// <param name="sql">One Picodata statement with <c>$1..$n</c> placeholders, no comments.</param>
    public PicoQueryAttribute(string sql) => Sql = sql;

    /// <summary>The statement the method runs.</summary>
    public string Sql { get; }

    /// <summary>
    /// Declares that running this write twice leaves the same result (e.g. <c>INSERT ... ON CONFLICT
    /// DO NOTHING</c>), so it may run again on another instance after a lost connection. Reads are
    /// always retryable; other writes never are.
    /// </summary>
    public bool Idempotent { get; set; }
}
