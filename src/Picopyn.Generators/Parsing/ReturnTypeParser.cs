using Microsoft.CodeAnalysis;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Parsing;

/// <summary>Takes a <c>[PicoQuery]</c> method's return type apart (docs/generator.md, "Return types").</summary>
internal static class ReturnTypeParser
{
    public const string Supported =
        "return Task, Task<int>/Task<long> (rows affected), Task<List<T>>, Task<IReadOnlyList<T>>, Task<T[]>, Task<T?> (first row or null), " +
        "Task<T> (exactly one row), the same with ValueTask, or IAsyncEnumerable<T>";

    /// <returns>The parts, or <see langword="null"/> with <paramref name="reason"/> when the type is not one the generator writes.</returns>
    public static ReturnTypeInfo? Parse(ITypeSymbol type, KnownTypes known, out string reason)
    {
        reason = Supported;
        if (KnownTypes.Is(type, known.Task))
        {
            return new ReturnTypeInfo(ResultShape.None, ResultWrapper.Task, null, null);
        }

        if (KnownTypes.Is(type, known.ValueTask))
        {
            return new ReturnTypeInfo(ResultShape.None, ResultWrapper.ValueTask, null, null);
        }

        if (type is not INamedTypeSymbol { TypeArguments.Length: 1 } generic)
        {
            return null;
        }

        var inner = generic.TypeArguments[0];
        if (KnownTypes.Is(type, known.AsyncEnumerable))
        {
            return new ReturnTypeInfo(ResultShape.Stream, ResultWrapper.None, inner, inner);
        }

        var wrapper = KnownTypes.Is(type, known.TaskOfT) ? ResultWrapper.Task
            : KnownTypes.Is(type, known.ValueTaskOfT) ? ResultWrapper.ValueTask
            : (ResultWrapper?)null;
        if (wrapper is null)
        {
            return null;
        }

        if (inner is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType != SpecialType.System_Byte)
        {
            return new ReturnTypeInfo(ResultShape.Array, wrapper.Value, inner, array.ElementType);
        }

        if (inner is INamedTypeSymbol { TypeArguments.Length: 1 } collection)
        {
            if (KnownTypes.Is(collection, known.List))
            {
                return new ReturnTypeInfo(ResultShape.List, wrapper.Value, inner, collection.TypeArguments[0]);
            }

            if (KnownTypes.Is(collection, known.ReadOnlyList))
            {
                return new ReturnTypeInfo(ResultShape.ReadOnlyList, wrapper.Value, inner, collection.TypeArguments[0]);
            }

            if (IsOtherCollection(collection))
            {
                reason = $"{SymbolNames.Display(collection)} is not a collection the generator fills; return List<T>, IReadOnlyList<T>, T[] or IAsyncEnumerable<T>";
                return null;
            }
        }

        // Only an explicit '?' asks for "first row or null"; a type from a nullable-oblivious context means exactly one row.
        var firstOrNull = SymbolNames.IsNullableValueType(inner) || inner.NullableAnnotation == NullableAnnotation.Annotated;
        return new ReturnTypeInfo(firstOrNull ? ResultShape.FirstOrDefault : ResultShape.Single, wrapper.Value, inner, inner);
    }

    private static bool IsOtherCollection(INamedTypeSymbol type)
    {
        var name = SymbolNames.MetadataName(type.OriginalDefinition);
        return name is "System.Collections.Generic.IEnumerable`1" or "System.Collections.Generic.ICollection`1"
            or "System.Collections.Generic.IList`1" or "System.Collections.Generic.IReadOnlyCollection`1"
            or "System.Collections.Generic.IAsyncEnumerable`1" or "System.Collections.Generic.HashSet`1"
            or "System.Collections.Immutable.ImmutableArray`1" or "System.Collections.Generic.IAsyncEnumerator`1";
    }
}
