using System;
using Picopyn.Generators.Diagnostics;
using Picopyn.Generators.Model;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql;

namespace Picopyn.Generators.Binding;

/// <summary>
/// The binder half of the generator: completes what the parser read off a method into the model to
/// emit — which result the method returns and which column fills which member — and, when the
/// project gives a schema, checks the statement against it first (expanding a <c>select *</c>).
/// Symbol-free, so it runs again only when the method's spec or the schema changes.
/// </summary>
internal static class QueryMethodBinder
{
    public static QueryMethodResult Bind(QueryMethodSpec spec, SchemaModel schema)
    {
        var diagnostics = new DiagnosticCollector();
        diagnostics.AddRange(spec.Diagnostics);
        ResultModel? result = null;
        if (spec.Analysis is { } analysis && spec.Map is { } map && spec.Return is { } returns && analysis.IsReadable)
        {
            try
            {
                var typed = schema.IsGiven ? SchemaChecker.Check(analysis, spec, schema, map, diagnostics) : null;
                result = Result(typed?.Analysis ?? analysis, returns, spec, map, diagnostics, typed, schema.IsGiven);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Never into the compiler: an unexpected state is a diagnostic on the method.
                diagnostics.Add(DiagnosticDescriptors.InternalError, spec.ReturnLocation, spec.MethodName, exception.GetType().Name + ": " + exception.Message);
                result = null;
            }
        }

        if (spec.Method is null)
        {
            return new QueryMethodResult(null, diagnostics.ToArray());
        }

        // With an error elsewhere the method still gets a body (one that throws), so the build shows
        // the PICO error and not also "partial method has no implementation" or "member not implemented".
        var failed = spec.Blocked || result is null || diagnostics.HasErrors;
        var route = failed || !schema.IsGiven ? null : Route(spec, spec.Method, schema, diagnostics);
        return new QueryMethodResult(spec.Method with { Result = failed ? null : result, Route = route }, diagnostics.ToArray());
    }

    // Only a method that compiles gets a plan; one that is balanced says why, hidden (PICO400).
    private static RouteModel? Route(QueryMethodSpec spec, QueryMethodModel method, SchemaModel schema, DiagnosticCollector diagnostics)
    {
        try
        {
            var route = RoutePlanner.Plan(method, schema, out var whyNot);
            if (route is null && whyNot is not null && spec.Map is { } map)
            {
                diagnostics.Add(DiagnosticDescriptors.NotRouted, map.At(0, method.Sql.Length), spec.MethodName, whyNot);
            }

            return route;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null; // a plan is an optimisation: without one the statement is balanced, as before
        }
    }

    private static ResultModel? Result(
        SqlAnalysis analysis, ReturnSpec returns, QueryMethodSpec spec, SqlSourceMap map, DiagnosticCollector diagnostics, TypedStatement? typed,
        bool schemaGiven)
    {
        if (!analysis.ReturnsRows)
        {
            var shape = returns.Shape switch
            {
                ResultShape.None => ResultShape.None,
                ResultShape.Single when returns.ResultIsInt32 => ResultShape.AffectedInt32,
                ResultShape.Single when returns.ResultIsInt64 => ResultShape.AffectedInt64,
                _ => (ResultShape?)null,
            };
            if (shape is null)
            {
                diagnostics.Add(DiagnosticDescriptors.RowsForWrite, spec.ReturnLocation, Describe(analysis.Kind), spec.MethodName, returns.Display);
                return null;
            }

            return new ResultModel(shape.Value, returns.Wrapper, "int", null);
        }

        if (returns.Shape == ResultShape.None)
        {
            diagnostics.Add(DiagnosticDescriptors.NoRowsForRead, spec.ReturnLocation, spec.MethodName, returns.Display);
            return null;
        }

        if (returns.Row is not { } rowShape)
        {
            return null; // the row type's own fault is reported
        }

        var row = RowBinder.Bind(rowShape, analysis, map, spec.ReturnLocation, diagnostics, schemaGiven, out var bound);
        if (typed is not null)
        {
            SchemaChecker.CheckMembers(typed, bound, map, diagnostics);
        }

        return row is null ? null : new ResultModel(returns.Shape, returns.Wrapper, returns.ResultType, row);
    }

    private static string Describe(SqlStatementKind kind) => kind switch
    {
        SqlStatementKind.Insert => "INSERT",
        SqlStatementKind.Update => "UPDATE",
        SqlStatementKind.Delete => "DELETE",
        SqlStatementKind.Truncate => "TRUNCATE",
        SqlStatementKind.Ddl => "A DDL statement",
        _ => "The statement",
    };
}
