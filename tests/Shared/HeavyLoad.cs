namespace Picopyn.Tests.Shared;

/// <summary>
/// A machine-wide turn for the tests that load the machine on purpose (64 callers against a cluster whose instance is
/// frozen or cut off): test assemblies run side by side, and two such tests at once on a two-core machine push healthy
/// instances past the seconds-long timeouts those tests set. Holding it is an exclusive lock on a file every test
/// process opens, so it also orders tests of different assemblies; a crashed holder's lock goes with its process.
/// </summary>
internal static class HeavyLoad
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "picopyn-heavy-load.lock");
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    /// <summary>Waits for the turn (bounded: a test never hangs CI on it) and holds it until disposed.</summary>
    public static async Task<IDisposable> AcquireAsync()
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process holds it: wait for its turn to end.
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
