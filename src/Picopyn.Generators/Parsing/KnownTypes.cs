using Microsoft.CodeAnalysis;

namespace Picopyn.Generators.Parsing;

/// <summary>The types the parser compares against, looked up once per method in its compilation.</summary>
internal sealed class KnownTypes
{
    public KnownTypes(Compilation compilation)
    {
        Executor = compilation.GetTypeByMetadataName("Picopyn.PicoExecutor");
        QueryAttribute = compilation.GetTypeByMetadataName("Picopyn.PicoQueryAttribute");
        ColumnAttribute = compilation.GetTypeByMetadataName("Picopyn.PicoColumnAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        AsyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        ReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        SupportsInterfaceStatics = compilation.SupportsRuntimeCapability(RuntimeCapability.DefaultImplementationsOfInterfaces);
    }

    public INamedTypeSymbol? Executor { get; }

    public INamedTypeSymbol? QueryAttribute { get; }

    public INamedTypeSymbol? ColumnAttribute { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? AsyncEnumerable { get; }

    public INamedTypeSymbol? List { get; }

    public INamedTypeSymbol? ReadOnlyList { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>Whether the target runtime has default interface members, which a static member with a body in an interface needs.</summary>
    public bool SupportsInterfaceStatics { get; }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public bool IsExecutor(ITypeSymbol? type) => Executor is not null && SymbolNames.DerivesFrom(type, Executor);
}
