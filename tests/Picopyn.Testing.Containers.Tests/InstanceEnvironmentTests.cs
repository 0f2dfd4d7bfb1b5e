using System.Collections;
using Picopyn.Testing.EmulatedImage;

namespace Picopyn.Testing.Containers.Tests;

/// <summary>The emulated image reads exactly the environment the builder's recipe writes, which is Picodata's.</summary>
public sealed class InstanceEnvironmentTests
{
    [Fact]
    public void The_image_reads_what_the_recipe_writes()
    {
        var recipe = new PicodataInstanceRecipe(2, "picodata-abc123", ReplicationFactor: 2, AdminPassword: "Adm1nPassword");

        var environment = InstanceEnvironment.Read(new Hashtable(recipe.Environment().ToDictionary(p => p.Key, p => (object)p.Value)));

        Assert.Equal("picodata-abc123-2", environment.Name);
        Assert.Equal(new PicoEndpoint("picodata-abc123-1", 3301), environment.Peer);
        Assert.Equal(new PicoEndpoint("picodata-abc123-2", 3301), environment.IprotoAdvertise);
        Assert.Equal(new PicoEndpoint("picodata-abc123-2", 4327), environment.PgAdvertise);
        Assert.Equal(4327, environment.PgListen.Port);
        Assert.Equal(8081, environment.HttpListen.Port);
        Assert.Equal(2, environment.ReplicationFactor);
        Assert.Equal("Adm1nPassword", environment.AdminPassword);
        Assert.False(environment.Bootstraps);
        Assert.DoesNotContain("Adm1nPassword", environment.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_instance_whose_peer_is_itself_bootstraps()
    {
        var recipe = new PicodataInstanceRecipe(1, "picodata-abc123", ReplicationFactor: 1, AdminPassword: "Adm1nPassword");

        Assert.True(InstanceEnvironment.Read(new Hashtable(recipe.Environment().ToDictionary(p => p.Key, p => (object)p.Value))).Bootstraps);
    }

    [Theory]
    [InlineData("PICODATA_INSTANCE_NAME")]
    [InlineData("PICODATA_PEER")]
    [InlineData("PICODATA_ADMIN_PASSWORD")]
    public void A_missing_variable_is_named(string variable)
    {
        var values = new PicodataInstanceRecipe(1, "p", 1, "Adm1nPassword").Environment().ToDictionary(p => p.Key, p => (object)p.Value);
        values.Remove(variable);

        var failure = Assert.Throws<InvalidOperationException>(() => InstanceEnvironment.Read(new Hashtable(values)));
        Assert.Contains(variable, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_address_is_named_with_its_value()
    {
        var values = new PicodataInstanceRecipe(1, "p", 1, "Adm1nPassword").Environment().ToDictionary(p => p.Key, p => (object)p.Value);
        values["PICODATA_PEER"] = "p-1:notaport";

        var failure = Assert.Throws<InvalidOperationException>(() => InstanceEnvironment.Read(new Hashtable(values)));
        Assert.Contains("PICODATA_PEER='p-1:notaport'", failure.Message, StringComparison.Ordinal);
    }
}
