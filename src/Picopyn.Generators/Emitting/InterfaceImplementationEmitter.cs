using Picopyn.Generators.Model;

namespace Picopyn.Generators.Emitting;

/// <summary>
/// Writes, for a <c>[PicoQuery]</c> interface, its generated implementation class (the methods come
/// in their own files) and a static <c>Create</c> on the interface where the target runtime allows
/// static interface members. docs/generator.md, "Interfaces".
/// </summary>
internal static class InterfaceImplementationEmitter
{
    public static string Emit(ContainingTypeModel type)
    {
        var writer = GeneratedCode.Start();
        var opened = GeneratedCode.OpenTypes(writer, type, innermost: null);
        var name = type.Declaration.Name;
        var implementation = type.ImplementationName;
        if (type.CreateOnInterface)
        {
            writer.Open("partial interface " + name);
            writer.Line($"/// <summary>Creates the generated implementation of <see cref=\"{name}\"/>, which runs each statement on <paramref name=\"executor\"/>.</summary>")
                .Line("/// <param name=\"executor\">A <see cref=\"global::Picopyn.PicoClient\"/> (each statement on a balanced instance, with failover) or a <see cref=\"global::Picopyn.PicoLease\"/> (every statement on one connection).</param>")
                .Line("/// <returns>A new, stateless implementation; it is safe to share and to register as a singleton.</returns>")
                .Line(GeneratedCode.Attribute)
                .Line($"public static {name} Create(global::Picopyn.PicoExecutor executor) => new {implementation}(executor);");
            writer.Close().Line();
        }

        writer.Line($"/// <summary>The generated implementation of <see cref=\"{name}\"/>: each method runs its statement on the executor it was created with.</summary>")
            .Line(GeneratedCode.Attribute);
        writer.Open($"{type.Declaration.Accessibility} sealed partial class {implementation} : {type.FullName}");
        writer.Line("private readonly global::Picopyn.PicoExecutor _executor;").Line()
            .Line($"/// <summary>Creates the implementation; <c>{name}.Create(executor)</c> does the same where the runtime has static interface members.</summary>")
            .Line("/// <param name=\"executor\">A <see cref=\"global::Picopyn.PicoClient\"/> or a <see cref=\"global::Picopyn.PicoLease\"/>.</param>");
        writer.Open($"public {implementation}(global::Picopyn.PicoExecutor executor)")
            .Line("global::System.ArgumentNullException.ThrowIfNull(executor);")
            .Line("_executor = executor;")
            .Close();
        writer.Close();
        GeneratedCode.CloseTypes(writer, opened);
        return writer.ToString();
    }
}
