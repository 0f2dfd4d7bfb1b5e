// The realistic case for the schema-aware checks: 48 queries over shop.sql that must compile clean
// (this project builds them with warnings as errors, the schema given as <PicoSchema>), and, under
// SEEDED_MISTAKES, 24 seeded mistakes that Picopyn.Generators.Tests compiles in memory: each must be
// reported exactly once, with the ID its '// seeded:' comment names, on its own line.
using Picopyn;

namespace Shop;

public sealed record Customer(
    long Id, string Email, string Name, string? Phone, DateTimeOffset? Birthday, bool Vip, decimal Credit, double? Rating, long? Referrer,
    Guid? ExternalId, string? Profile);

public sealed record CustomerName(long Id, string Name);

public sealed record Product(string Sku, string Title, decimal Price, double? Weight, long Stock, bool Active, DateTimeOffset Added);

public sealed class ProductCard
{
    public required string Sku { get; init; }

    public required string Title { get; init; }

    [PicoColumn("price")]
    public decimal Cost { get; init; }

    public long Stock { get; set; }
}

public sealed record Order(long Id, long CustomerId, DateTimeOffset Placed, string Status, decimal Total, string? Note, Guid? Tracking);

public sealed record OrderLine(long OrderId, int Line, string Sku, int Quantity, decimal UnitPrice, double? Discount);

public sealed record OrderSummary(long OrderId, string CustomerName, decimal Total, long Lines);

public sealed record CustomerOrders(string Name, long? OrderId, decimal? Total);

public sealed record SkuSales(string Sku, decimal? Sold, decimal? Revenue);

public sealed record Review(Guid Id, string Sku, long CustomerId, int Stars, string? Body, DateTimeOffset Written, long? Helpful);

public sealed record ShopEvent(long Id, string Kind, string? Payload, DateTime At, long? CustomerId);

public partial interface IShopQueries
{
    // Customers
    [PicoQuery("select * from customers where id = $1")]
    Task<Customer?> FindCustomerAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id, email, name, phone, birthday, vip, credit, rating, referrer, external_id, profile from customers order by id")]
    IAsyncEnumerable<Customer> StreamCustomersAsync(CancellationToken ct = default);

    [PicoQuery("select id, name from customers where email = $1")]
    Task<CustomerName?> ByEmailAsync(string email, CancellationToken ct = default);

    [PicoQuery("select id, name from customers where vip = $1 and credit >= $2 order by credit desc limit 10")]
    Task<List<CustomerName>> TopAsync(bool vip, decimal minCredit, CancellationToken ct = default);

    [PicoQuery("select count(*) from customers")]
    Task<long> CountCustomersAsync(CancellationToken ct = default);

    [PicoQuery("select count(*) from customers where birthday is null")]
    Task<int> CountWithoutBirthdayAsync(CancellationToken ct = default);

    [PicoQuery("select coalesce(phone, '') from customers where id = $1")]
    Task<string?> PhoneAsync(long id, CancellationToken ct = default);

    [PicoQuery("select avg(rating) from customers")]
    Task<double?> AverageRatingAsync(CancellationToken ct = default);

    [PicoQuery("select sum(credit) from customers where vip = true")]
    Task<decimal?> VipCreditAsync(CancellationToken ct = default);

    [PicoQuery("select id from customers where referrer = $1 order by id")]
    Task<long[]> ReferredByAsync(long referrer, CancellationToken ct = default);

    [PicoQuery("select id from customers where external_id = $1")]
    Task<long?> ByExternalIdAsync(Guid externalId, CancellationToken ct = default);

    [PicoQuery("select id from customers where birthday between $1 and $2 order by id")]
    Task<List<long>> BornBetweenAsync(DateTimeOffset earliest, DateTimeOffset latest, CancellationToken ct = default);

    [PicoQuery("select id from customers where name like $1 order by id")]
    Task<List<long>> NameLikeAsync(string pattern, CancellationToken ct = default);

    [PicoQuery("select profile from customers where id = $1")]
    Task<string?> ProfileAsync(long id, CancellationToken ct = default);

    [PicoQuery("insert into customers (id, email, name, phone, birthday, vip, credit, rating, referrer, external_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")]
    Task<int> AddCustomerAsync(
        long id, string email, string name, string? phone, DateTimeOffset? birthday, bool vip, decimal credit, double? rating, long? referrer,
        Guid? externalId, CancellationToken ct = default);

    [PicoQuery("update customers set credit = credit + $1 where id = $2")]
    Task<int> AddCreditAsync(decimal amount, long id, CancellationToken ct = default);

    [PicoQuery("update customers set phone = $1 where id = $2")]
    Task<int> SetPhoneAsync(string? phone, long id, CancellationToken ct = default);

    [PicoQuery("delete from customers where id = $1")]
    Task<int> DeleteCustomerAsync(long id, CancellationToken ct = default);

    // Products
    [PicoQuery("select * from products where sku = $1")]
    Task<Product?> FindProductAsync(string sku, CancellationToken ct = default);

    [PicoQuery("select sku, title, price, stock from products where active = true order by sku")]
    Task<List<ProductCard>> CardsAsync(CancellationToken ct = default);

    [PicoQuery("select sku, title, price, weight, stock, active, added from products where price < $1 order by sku")]
    Task<IReadOnlyList<Product>> CheaperThanAsync(decimal price, CancellationToken ct = default);

    [PicoQuery("select max(price) from products")]
    Task<decimal?> MaxPriceAsync(CancellationToken ct = default);

    [PicoQuery("select min(added) from products")]
    Task<DateTimeOffset?> FirstAddedAsync(CancellationToken ct = default);

    [PicoQuery("insert into products values ($1, $2, $3, $4, $5, $6, $7)")]
    Task<int> AddProductAsync(
        string sku, string title, decimal price, double? weight, long stock, bool active, DateTimeOffset added, CancellationToken ct = default);

    [PicoQuery("update products set stock = stock - $1 where sku = $2 and stock >= $1")]
    Task<int> TakeAsync(long quantity, string sku, CancellationToken ct = default);

    [PicoQuery("select sku, title from products where sku in ($1, $2, $3) order by sku")]
    Task<List<(string Sku, string Title)>> ThreeAsync(string a, string b, string c, CancellationToken ct = default);

    // Orders
    [PicoQuery("select id, customer_id, placed, status, total, note, tracking from orders where customer_id = $1 order by placed")]
    Task<List<Order>> OrdersOfAsync(long customerId, CancellationToken ct = default);

    [PicoQuery("""
        select o.id as order_id, c.name as customer_name, o.total, count(l.line) as lines
        from orders o
        join customers c on c.id = o.customer_id
        join order_lines l on l.order_id = o.id
        group by o.id, c.name, o.total
        order by o.id
        """)]
    Task<List<OrderSummary>> SummariesAsync(CancellationToken ct = default);

    [PicoQuery("select c.name, o.id as order_id, o.total from customers c left join orders o on o.customer_id = c.id order by c.name, o.id")]
    Task<List<CustomerOrders>> CustomersAndOrdersAsync(CancellationToken ct = default);

    [PicoQuery("select status, count(*) as n from orders group by status order by status")]
    Task<List<(string Status, long N)>> ByStatusAsync(CancellationToken ct = default);

    [PicoQuery("select sum(total) from orders where placed >= $1")]
    Task<decimal?> RevenueSinceAsync(DateTimeOffset since, CancellationToken ct = default);

    [PicoQuery("select id from orders where tracking is not null and status = $1 order by id")]
    Task<List<long>> TrackedAsync(string status, CancellationToken ct = default);

    [PicoQuery("insert into orders (id, customer_id, placed, status, total, note, tracking) values ($1, $2, $3, $4, $5, $6, $7)")]
    Task<int> PlaceOrderAsync(
        long id, long customerId, DateTimeOffset placed, string status, decimal total, string? note, Guid? tracking, CancellationToken ct = default);

    [PicoQuery("update orders set status = $1, note = $2 where id = $3")]
    Task<int> SetStatusAsync(string status, string? note, long id, CancellationToken ct = default);

    [PicoQuery("select case when total > 100 then 'big' else 'small' end as size from orders where id = $1")]
    Task<string?> SizeAsync(long id, CancellationToken ct = default);

    [PicoQuery("select id from orders where customer_id in (select id from customers where vip = true) order by id")]
    Task<List<long>> VipOrdersAsync(CancellationToken ct = default);

    // Order lines
    [PicoQuery("select * from order_lines where order_id = $1 order by line")]
    Task<List<OrderLine>> LinesAsync(long orderId, CancellationToken ct = default);

    [PicoQuery("select sku, sum(quantity) as sold, sum(quantity * unit_price) as revenue from order_lines group by sku order by sku")]
    Task<List<SkuSales>> SalesAsync(CancellationToken ct = default);

    [PicoQuery("insert into order_lines (order_id, line, sku, quantity, unit_price, discount) values ($1, $2, $3, $4, $5, $6), ($1, $7, $8, $9, $10, $11)")]
    Task<int> AddTwoLinesAsync(
        long orderId, int line1, string sku1, int quantity1, decimal price1, double? discount1,
        int line2, string sku2, int quantity2, decimal price2, double? discount2, CancellationToken ct = default);

    [PicoQuery("delete from order_lines where order_id = $1")]
    Task<int> DeleteLinesAsync(long orderId, CancellationToken ct = default);

    // Reviews
    [PicoQuery("select id, sku, customer_id, stars, body, written, helpful from reviews where sku = $1 order by written")]
    Task<List<Review>> ReviewsOfAsync(string sku, CancellationToken ct = default);

    [PicoQuery("select avg(stars) from reviews where sku = $1")]
    Task<decimal?> AverageStarsAsync(string sku, CancellationToken ct = default);

    [PicoQuery("insert into reviews (id, sku, customer_id, stars, body, written) values ($1, $2, $3, $4, $5, $6)")]
    Task<int> ReviewAsync(Guid id, string sku, long customerId, int stars, string? body, DateTimeOffset written, CancellationToken ct = default);

    [PicoQuery("update reviews set helpful = coalesce(helpful, 0) + 1 where id = $1")]
    Task<int> MarkHelpfulAsync(Guid id, CancellationToken ct = default);

    // Events
    [PicoQuery("insert into events (id, kind, at, customer_id) values ($1, $2, $3, $4)")]
    Task<int> LogAsync(long id, string kind, DateTime at, long? customerId, CancellationToken ct = default);

    [PicoQuery("select id, kind, payload, at, customer_id from events where kind = $1 order by at")]
    IAsyncEnumerable<ShopEvent> EventsOfAsync(string kind, CancellationToken ct = default);

    [PicoQuery("with recent as (select id, kind from events where at > $1) select count(*) from recent")]
    Task<long> CountRecentAsync(DateTime since, CancellationToken ct = default);

    [PicoQuery("select kind from events union select status from orders")]
    Task<List<string>> WordsAsync(CancellationToken ct = default);
}

#if SEEDED_MISTAKES
public sealed record StrictCustomerOrders(string Name, long? OrderId, decimal Total);

public sealed record WrongProduct(string Sku, string Title, double Price, double? Weight, long Stock, bool Active, DateTimeOffset Added);

public partial interface IShopMistakes
{
    [PicoQuery("select id from ordres where id = $1")] Task<long?> M01(long id); // seeded: PICO301
    [PicoQuery("select id from customers where emial = $1")] Task<long?> M02(string email); // seeded: PICO302
    [PicoQuery("select c.id from customers c where c.nmae = $1")] Task<List<long>> M03(string name); // seeded: PICO302
    [PicoQuery("select id from customers c join orders o on o.customer_id = c.id")] Task<List<long>> M04(); // seeded: PICO303
    [PicoQuery("select name from customers where id = $1")] Task<string?> M05(string id); // seeded: PICO304
    [PicoQuery("select id from orders where placed > $1")] Task<List<long>> M06(string since); // seeded: PICO304
    [PicoQuery("insert into products values ($1, $2, $3, $4, $5, $6, $7)")] Task<int> M07(string sku, string title, double price, double? weight, long stock, bool active, DateTimeOffset added); // seeded: PICO304
    [PicoQuery("update products set stock = $1 where sku = $2")] Task<int> M08(string stock, string sku); // seeded: PICO304
    [PicoQuery("select title from products where sku = $1")] Task<long?> M09(string sku); // seeded: PICO305
    [PicoQuery("select sum(quantity) from order_lines")] Task<long?> M10(); // seeded: PICO305
    [PicoQuery("select external_id from customers where id = $1")] Task<string?> M11(long id); // seeded: PICO305
    [PicoQuery("select phone from customers where id = $1")] Task<List<string>> M12(long id); // seeded: PICO306
    [PicoQuery("select c.name, o.id as order_id, o.total from customers c left join orders o on o.customer_id = c.id")] Task<List<StrictCustomerOrders>> M13(); // seeded: PICO306
    [PicoQuery("select max(placed) from orders")] Task<DateTimeOffset> M14(); // seeded: PICO306
    [PicoQuery("insert into order_lines (order_id, line, sku, quantity, unit_price) values ($1, $2, $3, $4)")] Task<int> M15(long orderId, int line, string sku, int quantity); // seeded: PICO119
    [PicoQuery("insert into orders (id, customer_id, status, total) values ($1, $2, $3, $4)")] Task<int> M16(long id, long customerId, string status, decimal total); // seeded: PICO308
    [PicoQuery("update order_lines set line = $1 where order_id = $2")] Task<int> M17(int line, long orderId); // seeded: PICO309
    [PicoQuery("select id from customers where name = $1 or credit > $1")] Task<List<long>> M18(string name); // seeded: PICO310
    [PicoQuery("select * from customers c join orders o on o.customer_id = c.id")] Task<List<Customer>> M19(); // seeded: PICO201
    [PicoQuery("select * from products where sku = $1")] Task<WrongProduct?> M20(string sku); // seeded: PICO305
    [PicoQuery("insert into reviews (id, sku, customer_id, stars, writen) values ($1, $2, $3, $4, $5)")] Task<int> M21(Guid id, string sku, long customerId, int stars, DateTimeOffset written); // seeded: PICO302
    [PicoQuery("update events set knd = $1 where id = $2")] Task<int> M22(string kind, long id); // seeded: PICO302
    [PicoQuery("delete from event where id = $1")] Task<int> M23(long id); // seeded: PICO301
    [PicoQuery("select id, stars from reviews where sku = $1")] Task<List<(long Id, int Stars)>> M24(string sku); // seeded: PICO305
}
#endif
