namespace Picopyn.Generators.Model;

/// <summary>One type declaration as a partial redeclaration needs it.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's name.</param>
/// <param name="Accessibility">Its accessibility as written in C# (<c>public</c>, <c>internal</c>, <c>private protected</c>...).</param>
internal sealed record TypeDeclarationModel(string Keyword, string Name, string Accessibility);
