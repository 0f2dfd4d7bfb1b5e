using System.Security.Authentication;

namespace Picopyn.Tls;

/// <summary>
/// An instance's certificate was refused, with why in words (<see cref="TlsRejection"/>); the inner exception is
/// Npgsql's, which only says that the validation callback said no.
/// </summary>
internal sealed class TlsRejectedException(string reason, Exception innerException) : AuthenticationException(reason, innerException);
