namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What <see cref="PicopynServiceCollectionExtensions.AddPicopyn"/> returns: adds to the registration of one
/// client (keyed when it was given a key) its generated query interfaces and a connect at start-up.
/// </summary>
public interface IPicopynBuilder
{
    /// <summary>The services the client is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>The client's service key; <see langword="null"/> for the unkeyed client.</summary>
    object? ServiceKey { get; }

    /// <summary>
    /// Registers a singleton <typeparamref name="TQueries"/> made by <paramref name="factory"/> from this client —
    /// the generated <c>Create</c> of a <c>[PicoQuery]</c> interface: <c>.AddQueries(IUserQueries.Create)</c>. No
    /// reflection, so it holds under Native AOT. Keyed with the client's key when it has one.
    /// </summary>
    IPicopynBuilder AddQueries<TQueries>(Func<Picopyn.PicoExecutor, TQueries> factory)
        where TQueries : class;

    /// <summary>
    /// Connects the client while the host starts (an <see cref="Hosting.IHostedService"/>), so the app takes
    /// traffic only once the cluster answered; a cluster that cannot be reached then fails the start. Without
    /// it the client connects on its first statement.
    /// </summary>
    IPicopynBuilder ConnectOnStartup();
}
