using System.Linq;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Emitting;

/// <summary>
/// The <c>[assembly: PicoQueryManifest(...)]</c> line of a generated method: what <c>picopyn verify</c>
/// reads out of the compiled app to compare the code's types with what a live cluster describes.
/// </summary>
internal static class ManifestEmitter
{
    public static void Write(CodeWriter writer, QueryMethodModel method, ResultModel result)
    {
        var parameters = method.Parameters
            .Where(p => p.Role == ParameterRole.Bound)
            .OrderBy(p => p.Placeholder)
            .Select(p => GeneratedCode.Literal(p.BindType));
        var columns = (result.Row?.Columns ?? EquatableArray<ColumnReadModel>.Empty)
            .OrderBy(c => c.Ordinal)
            .Select(c => GeneratedCode.Literal(c.Column + ":" + c.MemberType + (c.NullValue is null ? string.Empty : "?")));
        writer.Line($"[assembly: global::Picopyn.PicoQueryManifest({GeneratedCode.Literal(HintNames.MethodPath(method))}, {GeneratedCode.Literal(method.Sql)},")
            .Indent()
            .Line($"new string[] {{ {string.Join(", ", parameters)} }},")
            .Line($"new string[] {{ {string.Join(", ", columns)} }})]")
            .Outdent()
            .Line();
    }
}
