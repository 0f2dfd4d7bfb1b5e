using System.Globalization;
using System.Text;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Emitting;

/// <summary>Generated file names: the type's path, the method, and a hash of the parameter types to tell overloads apart.</summary>
internal static class HintNames
{
    public static string ForType(ContainingTypeModel type) => TypePath(type) + ".g.cs";

    public static string ForMethod(QueryMethodModel method) =>
        TypePath(method.Type) + "." + method.Name + "." + Fnv1a(method.SignatureKey).ToString("x8", CultureInfo.InvariantCulture) + ".g.cs";

    /// <summary>The method as <c>Namespace.Type.Method</c>.</summary>
    public static string MethodPath(QueryMethodModel method) => TypePath(method.Type) + "." + method.Name;

    private static string TypePath(ContainingTypeModel type)
    {
        var path = new StringBuilder(type.Namespace);
        foreach (var outer in type.Outer)
        {
            path.Append(path.Length > 0 ? "." : string.Empty).Append(outer.Name);
        }

        return path.Append(path.Length > 0 ? "." : string.Empty).Append(type.Declaration.Name).ToString();
    }

    // A stable hash (string.GetHashCode differs between processes).
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
