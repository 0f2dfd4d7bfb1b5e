using Microsoft.CodeAnalysis;
using Picopyn.Generators.Model;

namespace Picopyn.Generators.Parsing;

/// <summary>A return type taken apart: the awaitable, the shape, and the type of each row (if any).</summary>
/// <param name="Shape">What the method returns; <see cref="ResultShape.Single"/> of <c>int</c>/<c>long</c> becomes rows affected for a write.</param>
/// <param name="Wrapper">Task, ValueTask or none.</param>
/// <param name="Result">The type inside the awaitable (the stream's element for a stream), or <see langword="null"/>.</param>
/// <param name="Element">The type of one row's value, or <see langword="null"/> when there are no rows.</param>
internal sealed record ReturnTypeInfo(ResultShape Shape, ResultWrapper Wrapper, ITypeSymbol? Result, ITypeSymbol? Element);
