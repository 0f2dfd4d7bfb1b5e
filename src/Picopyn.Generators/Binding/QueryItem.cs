using System.Collections.Generic;
using Picopyn.Generators.Schema;

namespace Picopyn.Generators.Binding;

/// <summary>
/// One item of a SELECT list as typed: its result name and type, or for a <c>*</c> / <c>t.*</c> the
/// columns it expands to (<see langword="null"/> when a source's columns are not known).
/// </summary>
internal sealed record QueryItem(string Name, SqlType Type, bool IsStar, IReadOnlyList<(string Name, SqlType Type)>? Expansion);
