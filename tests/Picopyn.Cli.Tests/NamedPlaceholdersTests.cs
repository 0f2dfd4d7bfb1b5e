using Picopyn.Cli.Verify;

namespace Picopyn.Cli.Tests;

public sealed class NamedPlaceholdersTests
{
    [Theory]
    [InlineData("select id from t where id = $1 and name = $2", "select id from t where id = @p1 and name = @p2")]
    [InlineData("select '$1' from t where a = $2 or b = $2", "select '$1' from t where a = @p2 or b = @p2")]
    [InlineData("select id from t where a = ? and b = ?", "select id from t where a = @p1 and b = @p2")]
    [InlineData("select \"$1\" from t", "select \"$1\" from t")]
    public void Placeholders_become_named_and_literals_stay_as_they_are(string sql, string expected) =>
        Assert.Equal(expected, NamedPlaceholders.Rewrite(sql));
}
