namespace Picopyn;

/// <summary>Tells reads from writes by a statement's first keyword (Picodata has no data-changing CTEs).</summary>
internal static class StatementClassifier
{
    public static PicoStatementKind Classify(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var span = sql.AsSpan().TrimStart();
        while (span.Length > 0 && span[0] == '(')
        {
            span = span[1..].TrimStart();
        }

        var end = 0;
        while (end < span.Length && char.IsLetter(span[end]))
        {
            end++;
        }

        var keyword = span[..end];
        return keyword.Equals("select", StringComparison.OrdinalIgnoreCase) ||
               keyword.Equals("with", StringComparison.OrdinalIgnoreCase) ||
               keyword.Equals("values", StringComparison.OrdinalIgnoreCase)
            ? PicoStatementKind.Read
            : PicoStatementKind.Write;
    }
}
