using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Emitting;

/// <summary>
/// The emitter half of the generator: writes one <c>[PicoQuery]</c> method as a partial member of
/// its type (or of the interface's generated implementation). The body hands the runtime the
/// statement and its kind, binds typed <c>NpgsqlParameter&lt;T&gt;</c>s and reads each row by
/// fixed ordinals with typed getters — no reflection, no boxing, nothing decided at run time.
/// </summary>
internal sealed class QueryMethodEmitter
{
    private const string Runtime = "global::Picopyn.";
    private const string Npgsql = "global::Npgsql.";

    private readonly QueryMethodModel _method;
    private readonly CodeWriter _writer;
    private readonly HashSet<string> _taken;

    private QueryMethodEmitter(QueryMethodModel method, CodeWriter writer)
    {
        _method = method;
        _writer = writer;
        _taken = new HashSet<string>(method.Parameters.Select(p => p.Name.TrimStart('@')));
    }

    public static string Emit(QueryMethodModel method)
    {
        var writer = GeneratedCode.Start();
        if (method.Result is { } result)
        {
            ManifestEmitter.Write(writer, method, result);
        }

        var type = method.Type;
        var declaration = type.IsInterface
            ? new TypeDeclarationModel("class", type.ImplementationName, type.Declaration.Accessibility)
            : type.Declaration;
        var opened = GeneratedCode.OpenTypes(writer, type, declaration);
        new QueryMethodEmitter(method, writer).Write();
        GeneratedCode.CloseTypes(writer, opened);
        return writer.ToString();
    }

    private void Write()
    {
        if (_method.Type.IsInterface)
        {
            _writer.Line("/// <inheritdoc />");
        }

        _writer.Line(GeneratedCode.Attribute);
        var result = _method.Result;
        var modifiers = result is { Shape: ResultShape.AffectedInt64 } ? Async(_method.Modifiers) : _method.Modifiers;
        var parameters = string.Join(", ", _method.Parameters.Select(p => p.Type + " " + p.Name));
        var signature = $"{modifiers} {_method.ReturnType} {_method.Name}({parameters})";
        if (result is null)
        {
            _writer.Line(signature + " =>").Indent()
                .Line($"throw new global::System.InvalidOperationException({GeneratedCode.Literal($"'{_method.Name}' was not generated: the Picopyn generator reported an error for it at build time.")});")
                .Outdent();
            return;
        }

        _writer.Open(signature);
        _writer.Line("// " + PlanComment.Describe(_method, result));
        var sql = Free("Sql");
        _writer.Line($"const string {sql} = {GeneratedCode.Literal(_method.Sql)};");
        foreach (var parameter in Bound().Where(p => p.NeedsUtcCheck))
        {
            _writer.Line($"{Runtime}PicoGenerated.RequireUtc({parameter.Name}, \"{parameter.Name.TrimStart('@')}\", {sql});");
        }

        var readRow = result.Row is null ? null : Free("ReadRow");
        WriteCall(result, sql, readRow);
        if (result.Row is not null)
        {
            _writer.Line();
            RowReaderEmitter.Write(_writer, result.Row, readRow!, sql, Free("reader"), Free("exception"));
        }

        _writer.Close();
    }

    private void WriteCall(ResultModel result, string sql, string? readRow)
    {
        var bound = Bound().ToList();
        var argsType = bound.Count switch
        {
            0 => "object?",
            1 => bound[0].BindType,
            _ => "(" + string.Join(", ", bound.Select(p => p.BindType)) + ")",
        };
        var args = bound.Count switch
        {
            0 => "null",
            1 => bound[0].Name,
            _ => "(" + string.Join(", ", bound.Select(p => p.Name)) + ")",
        };
        var token = _method.Parameters.FirstOrDefault(p => p.Role == ParameterRole.CancellationToken)?.Name ?? "default";
        var statement = $"new {Runtime}PicoStatement({sql}, {Runtime}PicoStatementKind.{_method.Kind})" + Initializer();

        var call = result.Shape switch
        {
            ResultShape.None or ResultShape.AffectedInt32 or ResultShape.AffectedInt64 => $"ExecuteAsync<{argsType}>(",
            ResultShape.Stream => $"StreamAsync<{argsType}, {result.Row!.Type}>(",
            _ => $"QueryAsync<{argsType}, {result.ResultType}>(",
        };

        // Rows affected as long: the method is async and converts the runtime's int; a ValueTask wraps the runtime's Task.
        var awaitLong = result.Shape == ResultShape.AffectedInt64;
        var wrap = result.Wrapper == ResultWrapper.ValueTask && !awaitLong;
        var valueTask = result.Shape == ResultShape.None ? "global::System.Threading.Tasks.ValueTask" : $"global::System.Threading.Tasks.ValueTask<{result.ResultType}>";
        var open = (awaitLong ? "return await " : "return ") + (wrap ? $"new {valueTask}(" : string.Empty);
        var close = ")" + (wrap ? ")" : string.Empty) + (awaitLong ? ".ConfigureAwait(false)" : string.Empty) + ";";
        _writer.Line(open + _method.Executor + "." + call).Indent();
        _writer.Line(statement + ",");
        _writer.Line(args + ",");
        WriteBinder(bound);
        WriteReader(result, sql, readRow);
        _writer.Line(token + close).Outdent();
    }

    // The summary that names the call's span, and the plan's key, hashed from the arguments at the call (no
    // allocation: the hasher and the key are structs).
    private string Initializer()
    {
        var parts = new List<string>();
        if (_method.Route is { } route)
        {
            var hasher = $"new {Runtime}PicoBucketHasher()" + string.Concat(route.Parts.Select(p => ".Add(" + p + ")"));
            var tier = route.Tier is null ? string.Empty : ", " + GeneratedCode.Literal(route.Tier);
            parts.Add($"Key = {Runtime}PicoKey.From({hasher}{tier})");
            parts.Add($"RoutedBy = {GeneratedCode.Literal(route.Description)}");
        }

        if (_method.Summary.Length > 0)
        {
            parts.Add($"Summary = {GeneratedCode.Literal(_method.Summary)}");
        }

        return parts.Count == 0 ? string.Empty : " { " + string.Join(", ", parts) + " }";
    }

    private void WriteBinder(List<ParameterModel> bound)
    {
        if (bound.Count == 0)
        {
            _writer.Line("null,");
            return;
        }

        var (parameters, args) = (Free("parameters"), Free("args"));
        if (bound.Count == 1)
        {
            _writer.Line($"static ({parameters}, {args}) => {parameters}.Add({Parameter(bound[0], args)}),");
            return;
        }

        _writer.Line($"static ({parameters}, {args}) =>").Line("{").Indent();
        for (var i = 0; i < bound.Count; i++)
        {
            _writer.Line($"{parameters}.Add({Parameter(bound[i], args + ".Item" + (i + 1).ToString(CultureInfo.InvariantCulture))});");
        }

        _writer.Outdent().Line("},");
    }

    private static string Parameter(ParameterModel parameter, string value) =>
        $"new {Npgsql}NpgsqlParameter<{parameter.BindType}> {{ TypedValue = {value} }}";

    private void WriteReader(ResultModel result, string sql, string? readRow)
    {
        var (reader, token) = (Free("reader"), Free("cancellationToken"));
        var read = $"await {reader}.ReadAsync({token}).ConfigureAwait(false)";
        switch (result.Shape)
        {
            case ResultShape.Stream:
                _writer.Line($"static {reader} => {readRow}({reader}),");
                break;
            case ResultShape.FirstOrDefault:
                _writer.Line($"static async ({reader}, _, {token}) =>").Indent()
                    .Line($"{read} ? {readRow}({reader}) : default({result.ResultType}),").Outdent();
                break;
            case ResultShape.Single:
                var row = Free("row");
                _writer.Line($"static async ({reader}, _, {token}) =>").Line("{").Indent()
                    .Line($"if (!{read})").Line("{").Indent().Line($"throw {Runtime}PicoGenerated.NoRows({sql});").Outdent().Line("}").Line()
                    .Line($"var {row} = {readRow}({reader});")
                    .Line($"if ({read})").Line("{").Indent().Line($"throw {Runtime}PicoGenerated.SeveralRows({sql});").Outdent().Line("}").Line()
                    .Line($"return {row};").Outdent().Line("},");
                break;
            case ResultShape.List or ResultShape.ReadOnlyList or ResultShape.Array:
                var rows = Free("rows");
                _writer.Line($"static async ({reader}, _, {token}) =>").Line("{").Indent()
                    .Line($"var {rows} = new global::System.Collections.Generic.List<{result.Row!.Type}>();")
                    .Line($"while ({read})").Line("{").Indent().Line($"{rows}.Add({readRow}({reader}));").Outdent().Line("}").Line()
                    .Line(result.Shape == ResultShape.Array ? $"return {rows}.ToArray();" : $"return {rows};").Outdent().Line("},");
                break;
        }
    }

    private IEnumerable<ParameterModel> Bound() => _method.Parameters.Where(p => p.Role == ParameterRole.Bound);

    // A name for a local or lambda parameter that no method parameter already uses.
    private string Free(string name)
    {
        var candidate = name;
        while (_taken.Contains(candidate))
        {
            candidate += "_";
        }

        return candidate;
    }

    private static string Async(string modifiers) =>
        modifiers.EndsWith("partial", System.StringComparison.Ordinal)
            ? modifiers.Substring(0, modifiers.Length - "partial".Length) + "async partial"
            : modifiers + " async";
}
