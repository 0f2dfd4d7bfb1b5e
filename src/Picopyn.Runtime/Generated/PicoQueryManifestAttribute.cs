using System.ComponentModel;

namespace Picopyn;

/// <summary>
/// Written by the generator, one per <c>[PicoQuery]</c> method, into the app's assembly: the
/// statement and the types its generated code binds and reads. <c>picopyn verify</c> reads these
/// back out of the compiled assembly and has a live cluster describe each statement (nothing is
/// executed) to find where the server's types differ from the code's. Nothing reads them at run time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class PicoQueryManifestAttribute : Attribute
{
    /// <summary>Describes one generated query.</summary>
    /// <param name="method">The method, as <c>Namespace.Type.Method</c>.</param>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">The C# type each placeholder is bound as, <c>$1</c> first (<c>long</c>, <c>string</c>, <c>global::System.Guid</c>).</param>
    /// <param name="columns">For a query that returns rows: each column read, as <c>name:type</c>, with <c>?</c> when the member takes NULL.</param>
    public PicoQueryManifestAttribute(string method, string sql, string[] parameters, string[] columns)
    {
        Method = method;
        Sql = sql;
        Parameters = parameters;
        Columns = columns;
    }

    /// <summary>The method, as <c>Namespace.Type.Method</c>.</summary>
    public string Method { get; }

    /// <summary>The statement.</summary>
    public string Sql { get; }

    /// <summary>The C# type each placeholder is bound as, <c>$1</c> first.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Each column read, as <c>name:type</c> (<c>?</c> when its member takes NULL), in ordinal order.</summary>
    public IReadOnlyList<string> Columns { get; }
}
