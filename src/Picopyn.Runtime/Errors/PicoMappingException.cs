namespace Picopyn;

/// <summary>
/// A result did not fit the method's return type: a NULL for a non-nullable member, a value too
/// large for an <c>int</c> or <c>short</c> member, no row or several rows where exactly one was
/// expected. The statement ran; the message names the column, the member and the query.
/// </summary>
public sealed class PicoMappingException : PicoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What did not fit.</param>
    /// <param name="sql">The query.</param>
    /// <param name="column">The column involved, if one is.</param>
    /// <param name="instance">The instance that returned the result, if known.</param>
    /// <param name="innerException">The reader's own exception, if any.</param>
    public PicoMappingException(string message, string sql, string? column = null, string? instance = null, Exception? innerException = null)
        : base(message, instance, sql, innerException: innerException)
    {
        Column = column;
        Detail = message;
    }

    /// <summary>The result column involved, or <see langword="null"/> (e.g. for a row count).</summary>
    public string? Column { get; }

    // The message without instance and SQL, to rebuild it once the instance is known.
    internal string Detail { get; }

    internal PicoMappingException WithInstance(string instance) =>
        new(Detail, Sql!, Column, instance, InnerException);
}
