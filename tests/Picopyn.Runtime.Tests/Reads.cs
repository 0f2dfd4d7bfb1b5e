namespace Picopyn.Runtime.Tests;

internal static class Reads
{
    /// <summary>Runs <paramref name="count"/> reads and returns the set of instance uuids that answered.</summary>
    public static async Task<HashSet<string>> ServingUuidsAsync(PicoClient client, int count)
    {
        var uuids = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            uuids.Add((await client.FetchValueAsync<string>("SELECT pico_instance_uuid()"))!);
        }

        return uuids;
    }

    public static PicoInstanceInfo InstanceOn(PicoClient client, IPicodataInstance instance) =>
        Assert.Single(client.Instances, i => i.Endpoint.Port == instance.Port);
}
