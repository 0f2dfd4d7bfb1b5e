using System.Data.Common;
using System.Text;

namespace Picopyn;

/// <summary>
/// The base of every exception Picopyn throws. Its message names the instance and the SQL
/// involved where there is one, keeps the server's SQLSTATE, and never contains a password.
/// </summary>
public abstract class PicoException : DbException
{
    private readonly string? _sqlState;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, without instance or SQL (they are appended).</param>
    /// <param name="instance">The instance involved, as <c>name (host:port)</c> or <c>host:port</c>.</param>
    /// <param name="sql">The statement involved.</param>
    /// <param name="sqlState">The server's SQLSTATE, when the server answered with an error.</param>
    /// <param name="innerException">The failure underneath.</param>
    protected PicoException(string message, string? instance = null, string? sql = null, string? sqlState = null, Exception? innerException = null)
        : base(Compose(message, instance, sql, sqlState), innerException)
    {
        Instance = instance;
        Sql = sql;
        _sqlState = sqlState;
    }

    /// <summary>The instance involved, as <c>name (host:port)</c>, or <see langword="null"/>.</summary>
    public string? Instance { get; }

    /// <summary>The statement involved, or <see langword="null"/>.</summary>
    public string? Sql { get; }

    /// <summary>
    /// The server's SQLSTATE. Picodata sends <c>XX000</c> for nearly every error, so branch on the
    /// exception type and <see cref="PicoQueryException.MayHaveRun"/>, not on this.
    /// </summary>
    public override string? SqlState => _sqlState;

    private static string Compose(string message, string? instance, string? sql, string? sqlState)
    {
        var text = new StringBuilder(message);
        if (sqlState is not null)
        {
            text.Append(" SQLSTATE ").Append(sqlState).Append('.');
        }

        if (instance is not null)
        {
            text.Append(" Instance: ").Append(instance).Append('.');
        }

        if (sql is not null)
        {
            text.Append(" SQL: ").Append(sql);
        }

        return text.ToString();
    }
}
