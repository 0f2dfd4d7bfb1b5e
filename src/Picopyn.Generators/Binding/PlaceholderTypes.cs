using System.Collections.Generic;
using Picopyn.Generators.Schema;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Generators.Binding;

/// <summary>
/// What each placeholder stands for, inferred as Picodata infers it — from where it stands
/// (<c>where id = $1</c>, <c>values ($1)</c>, <c>set c = $1</c>, <c>cast($1 as t)</c>) — with where it stands
/// and the words for messages (<c>column 'users.id' (integer)</c>).
/// </summary>
internal sealed class PlaceholderTypes
{
    private readonly Dictionary<int, (PicoType Type, TextSpan Span, string Text, string What)> _types = [];

    public IReadOnlyDictionary<int, (PicoType Type, TextSpan Span, string Text, string What)> All => _types;

    /// <summary>Records that <paramref name="placeholder"/> stands for <paramref name="type"/>; returns the earlier, different use when the two conflict.</summary>
    public (PicoType Type, string What)? Infer(int placeholder, PicoType type, TextSpan span, string text, string what)
    {
        if (type == PicoType.Unknown)
        {
            return null;
        }

        if (_types.TryGetValue(placeholder, out var earlier))
        {
            return TypeRules.SameFamily(earlier.Type, type) ? null : (earlier.Type, earlier.What);
        }

        _types[placeholder] = (type, span, text, what);
        return null;
    }
}
