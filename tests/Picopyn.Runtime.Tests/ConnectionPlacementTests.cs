using Picopyn.Pool;

namespace Picopyn.Runtime.Tests;

/// <summary>The placement plan alone: how many connections each instance is given, and how the rotation moves them.</summary>
public sealed class ConnectionPlacementTests
{
    private static int[] Plan(int count, int cap, int offset) =>
        Enumerable.Range(0, count).Select(i => ConnectionPlacement.Target(i, count, cap, offset)).ToArray();

    [Theory]
    [InlineData(3, 5, 0, new[] { 2, 2, 1 })]
    [InlineData(3, 5, 1, new[] { 1, 2, 2 })]
    [InlineData(3, 5, 2, new[] { 2, 1, 2 })]
    [InlineData(3, 4, 0, new[] { 2, 1, 1 })]
    [InlineData(3, 9, 0, new[] { 3, 3, 3 })]
    [InlineData(3, 2, 0, new[] { 1, 1, 0 })]
    [InlineData(3, 2, 1, new[] { 0, 1, 1 })]
    [InlineData(6, 4, 3, new[] { 1, 0, 0, 1, 1, 1 })]
    [InlineData(1, 10, 7, new[] { 10 })]
    public void Every_instance_gets_the_even_share_and_a_window_of_them_one_more(int count, int cap, int offset, int[] expected) =>
        Assert.Equal(expected, Plan(count, cap, offset));

    [Theory]
    [InlineData(3, 2)]
    [InlineData(3, 4)]
    [InlineData(3, 5)]
    [InlineData(3, 8)]
    [InlineData(6, 4)]
    [InlineData(12, 10)]
    [InlineData(4, 3)]
    public void Each_rotation_step_moves_one_connection_and_a_full_cycle_gives_every_instance_the_same(int count, int cap)
    {
        var held = new int[count];
        for (var offset = 0; offset < count; offset++)
        {
            var plan = Plan(count, cap, offset);
            var next = Plan(count, cap, offset + 1);
            Assert.Equal(cap, plan.Sum());
            Assert.Equal(1, plan.Zip(next, (a, b) => Math.Max(0, a - b)).Sum());
            for (var i = 0; i < count; i++)
            {
                held[i] += plan[i];
            }
        }

        // Over one cycle every instance held cap connection-steps: on average cap / count each.
        Assert.All(held, total => Assert.Equal(cap, total));
    }
}
