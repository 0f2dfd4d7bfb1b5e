namespace Picopyn.Generators.Types;

/// <summary>Whether a CLR type can carry a value to or from Picodata, and if not, why and what to use.</summary>
/// <param name="Supported">Whether the type is accepted.</param>
/// <param name="Reason">For an unsupported type: what Picodata does with it and what to use instead.</param>
internal sealed record TypeSupport(bool Supported, string? Reason)
{
    public static readonly TypeSupport Yes = new(true, null);

    public static TypeSupport No(string reason) => new(false, reason);
}
