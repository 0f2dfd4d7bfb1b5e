namespace Picopyn.Testing.Front;

/// <summary>What <see cref="StatementGate"/> decided for one statement text.</summary>
/// <param name="Substitute">The statement the instance runs in its place, or <see langword="null"/>.</param>
/// <param name="Placeholders">How many parameters a Bind for the original statement carries.</param>
/// <param name="DdlTag">For DDL the cluster runs (on every instance, before the answer): the tag Picodata completes it with.</param>
/// <param name="IsBlock">A transactional block: made into a function on the instance first (<see cref="Blocks.BlockFunctions"/>).</param>
/// <param name="KeepsParameterTypes">Whether a substitute Parse declares the client's parameter types (a block's call) rather than bytea.</param>
internal sealed record GateDecision(string? Substitute, short Placeholders, string? DdlTag, bool IsBlock = false, bool KeepsParameterTypes = false)
{
    /// <summary>The statement runs as it was sent.</summary>
    public static readonly GateDecision AsSent = new(null, 0, null);
}
