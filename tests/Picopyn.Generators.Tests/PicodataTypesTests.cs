using Picopyn.Generators.Types;

namespace Picopyn.Generators.Tests;

public sealed class PicodataTypesTests
{
    [Theory]
    [InlineData("System.Int64", "GetInt64", null)]
    [InlineData("System.Int32", "GetInt64", "int")]
    [InlineData("System.Int16", "GetInt64", "short")]
    [InlineData("System.Boolean", "GetBoolean", null)]
    [InlineData("System.Double", "GetDouble", null)]
    [InlineData("System.Decimal", "GetDecimal", null)]
    [InlineData("System.String", "GetString", null)]
    [InlineData("System.Guid", "GetGuid", null)]
    [InlineData("System.DateTime", "GetDateTime", null)]
    [InlineData("System.DateTimeOffset", "GetFieldValue<global::System.DateTimeOffset>", null)]
    public void Members_are_read_with_a_typed_getter_and_integers_narrowed_from_int8(string type, string getter, string? narrowTo)
    {
        Assert.Equal(new MemberReadPlan(getter, narrowTo), PicodataTypes.ReadPlan(type));
        Assert.True(PicodataTypes.ForMember(type).Supported);
        Assert.True(PicodataTypes.ForParameter(type).Supported);
    }

    [Theory]
    [InlineData("System.Single", "double")]
    [InlineData("System.Byte[]", "binary")]
    [InlineData("System.DateOnly", "date")]
    [InlineData("System.TimeOnly", "time")]
    [InlineData("System.TimeSpan", "interval")]
    [InlineData("System.UInt64", "signed 64-bit")]
    [InlineData("System.Text.Json.JsonDocument", "json")]
    [InlineData("MyApp.Money", "Picopyn maps long")]
    public void Types_Picodata_refuses_are_refused_with_the_reason(string type, string reasonFragment)
    {
        var member = PicodataTypes.ForMember(type);
        var parameter = PicodataTypes.ForParameter(type);

        Assert.False(member.Supported);
        Assert.False(parameter.Supported);
        Assert.Null(PicodataTypes.ReadPlan(type));
        Assert.Contains(reasonFragment, parameter.Reason, StringComparison.Ordinal);
        Assert.StartsWith(type, member.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_DateTime_parameters_need_the_UTC_check()
    {
        Assert.True(PicodataTypes.NeedsUtcCheck("System.DateTime"));
        Assert.False(PicodataTypes.NeedsUtcCheck("System.DateTimeOffset"));
    }
}
