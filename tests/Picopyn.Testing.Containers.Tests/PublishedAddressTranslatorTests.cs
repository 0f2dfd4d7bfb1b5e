namespace Picopyn.Testing.Containers.Tests;

/// <summary>Advertised container names to published host ports, as the client's address translator.</summary>
public sealed class PublishedAddressTranslatorTests
{
    [Fact]
    public void An_advertised_name_goes_to_its_published_port_and_an_unknown_one_passes()
    {
        var translator = new PublishedAddressTranslator();
        translator.Publish(new PicoEndpoint("picodata-2", 4327), new PicoEndpoint("127.0.0.1", 49153));
        var translate = translator.AsOption();

        Assert.Equal(new PicoEndpoint("127.0.0.1", 49153), translate(new PicoEndpoint("picodata-2", 4327)));
        Assert.Equal(new PicoEndpoint("127.0.0.1", 49153), translate(new PicoEndpoint("PICODATA-2", 4327)));
        Assert.Equal(new PicoEndpoint("picodata-3", 4327), translate(new PicoEndpoint("picodata-3", 4327)));
        Assert.Equal(new PicoEndpoint("picodata-2", 3301), translate(new PicoEndpoint("picodata-2", 3301)));
    }

    [Fact]
    public void A_restarted_instance_republished_on_another_port_is_followed()
    {
        var translator = new PublishedAddressTranslator();
        var advertised = new PicoEndpoint("picodata-1", 4327);
        translator.Publish(advertised, new PicoEndpoint("127.0.0.1", 49153));

        translator.Publish(advertised, new PicoEndpoint("127.0.0.1", 49200));

        Assert.Equal(new PicoEndpoint("127.0.0.1", 49200), translator.Translate(advertised));
    }
}
