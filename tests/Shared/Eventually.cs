namespace Picopyn.Tests.Shared;

/// <summary>
/// Waits for a condition the test cannot be notified of (a server-side session ending, a statement
/// reaching a server), checking it again and again; fails the test if it does not hold within a
/// generous bound, so a broken build fails instead of hanging CI. It asserts on what happens,
/// never on how long it took.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // Between checks: a check often asks a server (a connection, a query), and a loop with no pause would take the
    // CPU the awaited work needs on a two-core machine. The pause paces the checks; what the test waits for is the
    // condition, never the pause.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(10);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not true after {Bound.TotalSeconds} s: {what}");
            await Task.Delay(Pause);
        }
    }
}
