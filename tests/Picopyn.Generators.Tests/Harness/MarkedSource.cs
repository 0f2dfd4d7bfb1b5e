using Microsoft.CodeAnalysis.Text;

namespace Picopyn.Generators.Tests.Harness;

/// <summary>Source text with the span a diagnostic must cover marked as <c>[|...|]</c>.</summary>
internal sealed record MarkedSource(string Text, TextSpan Span)
{
    public static MarkedSource Parse(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The test source needs one [|...|] marker.");
        var text = marked.Remove(end, 2).Remove(start, 2);
        return new MarkedSource(text, TextSpan.FromBounds(start, end - 2));
    }
}
