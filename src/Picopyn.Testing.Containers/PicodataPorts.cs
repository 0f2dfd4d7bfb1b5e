namespace Picopyn.Testing.Containers;

/// <summary>The ports an instance listens on inside its container, as Picodata's container recipe sets them.</summary>
public static class PicodataPorts
{
    /// <summary>iproto: the instances' own protocol, and the peer address others join through.</summary>
    public const int Iproto = 3301;

    /// <summary>pgproto: what clients connect to (Picodata's default, 4327).</summary>
    public const int Pgproto = 4327;

    /// <summary>The HTTP API (health: <c>/api/v1/health/ready</c>).</summary>
    public const int Http = 8081;
}
