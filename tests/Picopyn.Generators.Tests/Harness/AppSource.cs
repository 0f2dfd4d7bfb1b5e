namespace Picopyn.Generators.Tests.Harness;

/// <summary>The start of an app source file the diagnostic cases share: usings, a namespace and the <c>User</c> record.</summary>
internal static class AppSource
{
    public const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Picopyn;
        namespace App;
        public sealed record User(long Id, string Name, string? Email);

        """;
}
