namespace Picopyn.Generators.Model;

/// <summary>The type a <c>[PicoQuery]</c> method is declared in, as generated code redeclares it.</summary>
/// <param name="Namespace">The namespace, empty for the global one.</param>
/// <param name="Outer">The types it is nested in, outermost first.</param>
/// <param name="Declaration">The type itself.</param>
/// <param name="CreateOnInterface">For an interface: whether a static <c>Create</c> may be added to it (C# 8 and a runtime with default interface members).</param>
internal sealed record ContainingTypeModel(
    string Namespace,
    EquatableArray<TypeDeclarationModel> Outer,
    TypeDeclarationModel Declaration,
    bool CreateOnInterface)
{
    public bool IsInterface => Declaration.Keyword == "interface";

    /// <summary>The type's name as C# refers to it from anywhere: <c>global::App.Outer.IUserQueries</c>.</summary>
    public string FullName
    {
        get
        {
            var name = Namespace.Length == 0 ? "global::" : "global::" + Namespace + ".";
            foreach (var outer in Outer)
            {
                name += outer.Name + ".";
            }

            return name + Declaration.Name;
        }
    }

    /// <summary>For an interface: the generated implementation's name, its own minus a leading <c>I</c>, plus <c>Implementation</c>.</summary>
    public string ImplementationName
    {
        get
        {
            var name = Declaration.Name;
            if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
            {
                name = name.Substring(1);
            }

            return name + "Implementation";
        }
    }
}
