using System.Globalization;
using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Emitting;

/// <summary>The one-line comment at the top of each generated method: what it runs, binds and returns.</summary>
internal static class PlanComment
{
    public static string Describe(QueryMethodModel method, ResultModel result)
    {
        var kind = method.Kind switch
        {
            StatementKind.Read => "read, retried on another instance after a lost connection",
            StatementKind.IdempotentWrite => "idempotent write, retried on another instance after a lost connection",
            _ => "write, never retried once sent",
        };
        var bound = method.Parameters.Where(p => p.Role == ParameterRole.Bound)
            .Select(p => "$" + p.Placeholder.ToString(CultureInfo.InvariantCulture) + " = " + p.Name.TrimStart('@')).ToArray();
        var binds = bound.Length == 0 ? "no parameters" : "binds " + string.Join(", ", bound);
        var returns = result.Shape switch
        {
            ResultShape.None => "returns nothing",
            ResultShape.AffectedInt32 or ResultShape.AffectedInt64 => "returns the rows affected",
            ResultShape.FirstOrDefault => "returns the first row or null",
            ResultShape.Single => "returns exactly one row",
            ResultShape.Stream => "streams the rows",
            _ => "returns every row",
        };
        var routed = method.Route is { } route ? " Routed by " + route.Description + "." : string.Empty;
        return $"Plan: {kind}; {binds}; {returns}" + (result.Row is null ? "." : ", " + Row(result.Row) + ".") + routed;
    }

    private static string Row(RowModel row)
    {
        var columns = row.Columns.Select(c =>
            c.Column + " [" + c.Ordinal.ToString(CultureInfo.InvariantCulture) + "]" + (c.Member.Length > 0 && row.Kind == RowKind.Object ? " → " + c.Member : string.Empty));
        return "as " + row.DisplayName + " from " + string.Join(", ", columns);
    }
}
