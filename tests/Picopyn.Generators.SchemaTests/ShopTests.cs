using Picopyn;

namespace Shop;

/// <summary>The queries the schema checks passed, run against an emulated cluster made from the same schema file.</summary>
public sealed class ShopTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private EmulatedPicodataCluster? _cluster;
    private PicoClient? _client;

    private IShopQueries Shop { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await EmulatedPicodataCluster.StartNewAsync(new EmulatedClusterOptions { InstanceCount = 2, HideCatalogs = true });
        await _cluster.ExecuteDdlAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "shop.sql")));
        _client = await PicoClient.ConnectAsync(_cluster.BuildDsn());
        Shop = IShopQueries.Create(_client);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Customers_are_written_found_counted_and_deleted()
    {
        var external = Guid.Parse("0b4f0f43-6a4e-4b8e-9a6b-0f6f2a6d1c11");
        Assert.Equal(1, await Shop.AddCustomerAsync(1, "ann@example.com", "Ann", "+100", Monday.AddYears(-30), true, 50m, 4.5, null, external));
        Assert.Equal(1, await Shop.AddCustomerAsync(2, "bob@example.com", "Bob", null, null, false, 0m, null, 1, null));
        Assert.Equal(1, await Shop.AddCreditAsync(25m, 1));
        Assert.Equal(1, await Shop.SetPhoneAsync(null, 1));

        var ann = await Shop.FindCustomerAsync(1);
        Assert.Equal(new Customer(1, "ann@example.com", "Ann", null, Monday.AddYears(-30), true, 75m, 4.5, null, external, null), ann);
        var all = new List<Customer>();
        await foreach (var customer in Shop.StreamCustomersAsync())
        {
            all.Add(customer);
        }

        Assert.Equal([1L, 2L], all.Select(c => c.Id));
        Assert.Equal(new CustomerName(2, "Bob"), await Shop.ByEmailAsync("bob@example.com"));
        Assert.Equal([new CustomerName(1, "Ann")], await Shop.TopAsync(true, 10m));
        Assert.Equal(2, await Shop.CountCustomersAsync());
        Assert.Equal(1, await Shop.CountWithoutBirthdayAsync());
        Assert.Equal(string.Empty, await Shop.PhoneAsync(2));
        Assert.Equal(4.5, await Shop.AverageRatingAsync());
        Assert.Equal(75m, await Shop.VipCreditAsync());
        Assert.Equal(new long[] { 2 }, await Shop.ReferredByAsync(1));
        Assert.Equal(1, await Shop.ByExternalIdAsync(external));
        Assert.Equal([1L], await Shop.BornBetweenAsync(Monday.AddYears(-31), Monday.AddYears(-29)));
        Assert.Equal([2L], await Shop.NameLikeAsync("B%"));
        Assert.Null(await Shop.ProfileAsync(1));
        Assert.Equal(1, await Shop.DeleteCustomerAsync(2));
        Assert.Equal(1, await Shop.CountCustomersAsync());
    }

    [Fact]
    public async Task Products_orders_lines_reviews_and_events_work_together()
    {
        await Shop.AddCustomerAsync(10, "vip@example.com", "Vera", null, null, true, 0m, null, null, null);
        await Shop.AddCustomerAsync(11, "joe@example.com", "Joe", null, null, false, 0m, null, null, null);
        Assert.Equal(1, await Shop.AddProductAsync("tea", "Green tea", 4.50m, 0.1, 100, true, Monday));
        Assert.Equal(1, await Shop.AddProductAsync("cup", "Cup", 12.00m, null, 5, true, Monday.AddDays(1)));
        Assert.Equal(1, await Shop.AddProductAsync("pot", "Tea pot", 150.00m, 1.2, 1, false, Monday.AddDays(2)));

        Assert.Equal(new Product("tea", "Green tea", 4.50m, 0.1, 100, true, Monday), await Shop.FindProductAsync("tea"));
        var cards = await Shop.CardsAsync();
        Assert.Equal(["cup", "tea"], cards.Select(c => c.Sku));
        Assert.Equal(12.00m, cards[0].Cost);
        Assert.Equal(["cup", "tea"], (await Shop.CheaperThanAsync(100m)).Select(p => p.Sku));
        Assert.Equal(150.00m, await Shop.MaxPriceAsync());
        Assert.Equal(Monday, await Shop.FirstAddedAsync());
        Assert.Equal(1, await Shop.TakeAsync(2, "cup"));
        Assert.Equal(0, await Shop.TakeAsync(5, "pot"));
        Assert.Equal([("cup", "Cup"), ("tea", "Green tea")], await Shop.ThreeAsync("tea", "cup", "nope"));

        var tracking = Guid.Parse("5c3b8f0e-1111-4c2b-8a0e-3f1b2a4d5e6f");
        Assert.Equal(1, await Shop.PlaceOrderAsync(100, 10, Monday, "new", 160m, null, tracking));
        Assert.Equal(1, await Shop.PlaceOrderAsync(101, 11, Monday.AddHours(1), "new", 9m, "gift", null));
        Assert.Equal(2, await Shop.AddTwoLinesAsync(100, 1, "pot", 1, 150m, null, 2, "tea", 2, 5m, 0.1));
        Assert.Equal(2, await Shop.AddTwoLinesAsync(101, 1, "tea", 1, 4.5m, null, 2, "cup", 1, 4.5m, null));
        Assert.Equal(1, await Shop.SetStatusAsync("paid", "thanks", 100));

        Assert.Equal([new Order(100, 10, Monday, "paid", 160m, "thanks", tracking)], await Shop.OrdersOfAsync(10));
        Assert.Equal(
            [new OrderSummary(100, "Vera", 160m, 2), new OrderSummary(101, "Joe", 9m, 2)],
            await Shop.SummariesAsync());
        Assert.Equal(
            [new CustomerOrders("Joe", 101, 9m), new CustomerOrders("Vera", 100, 160m)],
            await Shop.CustomersAndOrdersAsync());
        Assert.Equal([("new", 1L), ("paid", 1L)], await Shop.ByStatusAsync());
        Assert.Equal(169m, await Shop.RevenueSinceAsync(Monday));
        Assert.Equal([100L], await Shop.TrackedAsync("paid"));
        Assert.Equal("big", await Shop.SizeAsync(100));
        Assert.Equal([100L], await Shop.VipOrdersAsync());
        Assert.Equal([new OrderLine(100, 1, "pot", 1, 150m, null), new OrderLine(100, 2, "tea", 2, 5m, 0.1)], await Shop.LinesAsync(100));
        var sales = await Shop.SalesAsync();
        Assert.Equal(new SkuSales("tea", 3m, 14.5m), sales.Single(s => s.Sku == "tea"));
        Assert.Equal(2, await Shop.DeleteLinesAsync(101));

        var review = Guid.Parse("9d7c6b5a-2222-4e3f-9a1b-7c6d5e4f3a2b");
        Assert.Equal(1, await Shop.ReviewAsync(review, "tea", 10, 5, "lovely", Monday));
        Assert.Equal(1, await Shop.MarkHelpfulAsync(review));
        Assert.Equal([new Review(review, "tea", 10, 5, "lovely", Monday, 1)], await Shop.ReviewsOfAsync("tea"));
        Assert.Equal(5m, await Shop.AverageStarsAsync("tea"));

        Assert.Equal(1, await Shop.LogAsync(1, "login", Monday.UtcDateTime, 10));
        Assert.Equal(1, await Shop.LogAsync(2, "login", Monday.AddMinutes(5).UtcDateTime, null));
        var events = new List<ShopEvent>();
        await foreach (var e in Shop.EventsOfAsync("login"))
        {
            events.Add(e);
        }

        Assert.Equal([1L, 2L], events.Select(e => e.Id));
        Assert.Equal(DateTimeKind.Utc, events[0].At.Kind);
        Assert.Equal(1, await Shop.CountRecentAsync(Monday.AddMinutes(1).UtcDateTime));
        Assert.Equal(["login", "new", "paid"], (await Shop.WordsAsync()).Order());
    }

    [Fact]
    public async Task Generated_point_statements_run_on_the_owner_of_their_bucket()
    {
        var before = await TotalsAsync();
        for (var id = 100L; id < 120; id++)
        {
            Assert.Equal(1, await Shop.AddCustomerAsync(id, $"c{id}@example.com", "C", null, null, false, 1m, null, null, null));
            Assert.NotNull(await Shop.FindCustomerAsync(id));
            Assert.Equal(1, await Shop.AddCreditAsync(1m, id));
            Assert.Equal(1, await Shop.DeleteCustomerAsync(id));
        }

        // Each of the 80 statements was served by the instance that owns its bucket; none was forwarded.
        var after = await TotalsAsync();
        Assert.Equal((before.Local + 80, before.Forwarded), (after.Local, after.Forwarded));
    }

    private async Task<(long Local, long Forwarded)> TotalsAsync()
    {
        var counts = await _cluster!.ReadRoutingCountsAsync();
        return (counts.Sum(c => c.ServedLocally), counts.Sum(c => c.Forwarded));
    }
}
