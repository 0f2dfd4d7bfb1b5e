// Nodes document only the parameters whose meaning their names and types do not already carry.
#pragma warning disable CS1573

using System.Collections.Generic;

namespace Picopyn.Generators.Sql.Syntax;

/// <summary>
/// A node of a parsed Picodata statement. Nodes are immutable and keep their span in the SQL text,
/// so every check can point at exactly the characters it is about.
/// </summary>
internal abstract record SyntaxNode(TextSpan Span)
{
    // The children, listed once: every check walks the tree, and a walk should cost no allocation per node.
    // (Set only by Children, after parsing; the parser's 'with' copies never carry it.)
    private SyntaxNode[]? _children;

    /// <summary>The node's direct children, in text order.</summary>
    public abstract IEnumerable<SyntaxNode> ChildNodes();

    /// <summary>The node's direct children, in text order, as a list computed once.</summary>
    public IReadOnlyList<SyntaxNode> Children => _children ??= new List<SyntaxNode>(ChildNodes()).ToArray();

    /// <summary>Every node below this one, depth first, in text order.</summary>
    public IEnumerable<SyntaxNode> DescendantNodes() => DescendantNodes(static _ => true);

    /// <summary>Every node below this one, depth first, not looking inside the nodes <paramref name="descendInto"/> refuses (they are still returned).</summary>
    public IEnumerable<SyntaxNode> DescendantNodes(System.Func<SyntaxNode, bool> descendInto)
    {
        // An explicit stack rather than recursion: a walk must not overflow on deep nesting.
        var stack = new Stack<(IReadOnlyList<SyntaxNode> Children, int Next)>();
        stack.Push((Children, 0));
        while (stack.Count > 0)
        {
            var (children, next) = stack.Pop();
            if (next >= children.Count)
            {
                continue;
            }

            stack.Push((children, next + 1));
            var child = children[next];
            yield return child;
            if (descendInto(child))
            {
                stack.Push((child.Children, 0));
            }
        }
    }

    /// <summary>The nodes among <paramref name="parts"/> (nodes, lists of nodes, nulls), flattened in order.</summary>
    protected static IEnumerable<SyntaxNode> Nodes(params object?[] parts)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case SyntaxNode node:
                    yield return node;
                    break;
                case IEnumerable<SyntaxNode> nodes:
                    foreach (var node in nodes)
                    {
                        yield return node;
                    }

                    break;
            }
        }
    }
}
