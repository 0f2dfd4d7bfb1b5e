using System.Text;
using Picopyn.Generators.Sql.Syntax;

namespace Picopyn.Testing.Front.Blocks;

/// <summary>Replacements of spans of one text, applied together (spans do not overlap).</summary>
internal sealed class SpanEdits(string text)
{
    private readonly List<(int Start, int Length, string Replacement)> _edits = [];

    public void Replace(TextSpan span, string replacement) => _edits.Add((span.Start, span.Length, replacement));

    /// <summary>The text of <paramref name="span"/> with the replacements inside it made.</summary>
    public string Apply(TextSpan span)
    {
        var result = new StringBuilder();
        var position = span.Start;
        foreach (var (start, length, replacement) in _edits.Where(e => e.Start >= span.Start && e.Start + e.Length <= span.Start + span.Length).OrderBy(e => e.Start))
        {
            result.Append(text, position, start - position).Append(replacement);
            position = start + length;
        }

        return result.Append(text, position, span.Start + span.Length - position).ToString();
    }
}
