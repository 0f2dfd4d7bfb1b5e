using Microsoft.CodeAnalysis;

namespace Picopyn.Generators.Parsing;

/// <summary>Turns a span of the SQL text into a location inside the attribute's string literal.</summary>
internal sealed class SqlLocator
{
    private readonly SyntaxTree _tree;
    private readonly SqlLiteralMap _map;

    public SqlLocator(SyntaxTree tree, SqlLiteralMap map)
    {
        _tree = tree;
        _map = map;
    }

    public Location At(int start, int length) => Location.Create(_tree, _map.Span(start, length));
}
