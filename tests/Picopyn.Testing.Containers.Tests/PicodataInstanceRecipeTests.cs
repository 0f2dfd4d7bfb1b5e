namespace Picopyn.Testing.Containers.Tests;

/// <summary>Each instance's environment, as Picodata's container recipe (docs/picodata.md, "Containers") and its src/cli/args.rs name the variables.</summary>
public sealed class PicodataInstanceRecipeTests
{
    private const string Password = "S3cret-Pa55";

    [Fact]
    public void The_second_instance_joins_through_the_first_and_advertises_its_own_name()
    {
        var environment = new PicodataInstanceRecipe(2, "picodata", 1, Password).Environment();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PICODATA_INSTANCE_NAME"] = "picodata-2",
                ["PICODATA_PEER"] = "picodata-1:3301",
                ["PICODATA_IPROTO_LISTEN"] = "0.0.0.0:3301",
                ["PICODATA_IPROTO_ADVERTISE"] = "picodata-2:3301",
                ["PICODATA_PG_LISTEN"] = "0.0.0.0:4327",
                ["PICODATA_PG_ADVERTISE"] = "picodata-2:4327",
                ["PICODATA_HTTP_LISTEN"] = "0.0.0.0:8081",
                ["PICODATA_INIT_REPLICATION_FACTOR"] = "1",
                ["PICODATA_ADMIN_PASSWORD"] = Password,
            },
            environment);
    }

    [Fact]
    public void The_first_instance_is_its_own_peer()
    {
        var recipe = new PicodataInstanceRecipe(1, "orders", 2, Password);

        Assert.Equal("orders-1:3301", recipe.Environment()["PICODATA_PEER"]);
        Assert.Equal("2", recipe.Environment()["PICODATA_INIT_REPLICATION_FACTOR"]);
        Assert.Equal(new PicoEndpoint("orders-1", 4327), recipe.AdvertisedPgproto);
    }

    [Fact]
    public void A_password_Picodata_refuses_fails_before_any_container_starts()
    {
        var error = Assert.Throws<ArgumentException>(() => new PicodataInstanceRecipe(1, "picodata", 1, "secret").Environment());

        Assert.Contains("too short (expected at least 8 characters, got 6)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_text_is_the_instance_name_never_the_password()
    {
        Assert.Equal("picodata-3", new PicodataInstanceRecipe(3, "picodata", 1, Password).ToString());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void An_index_or_factor_below_one_is_refused(int index, int factor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PicodataInstanceRecipe(index, "picodata", factor, Password).Environment());

    [Fact]
    public void The_default_image_is_Picodatas_public_one()
    {
        Assert.Equal("docker.binary.picodata.io/picodata:" + PicodataImage.Tag, PicodataImage.Default);
    }
}
