using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Core.Tests.Model;

public sealed class ModelTests
{
    [Fact]
    public void RecoveryId_SameConversationOtherTenant_Differs()
    {
        var mine = new ChannelKey("teams", "tenant-a", "19:abc@thread.tacv2").RecoveryId;
        var theirs = new ChannelKey("teams", "tenant-b", "19:abc@thread.tacv2").RecoveryId;
        Assert.NotEqual(mine, theirs);
        Assert.True(RecoveryId.TryParse(mine.Value, out var parsed));
        Assert.Equal(mine, parsed);
    }

    [Theory]
    [InlineData("r0123456789abcdef01234567", true)]
    [InlineData("R0123456789abcdef01234567", false)]
    [InlineData("r0123456789abcdef0123456", false)]
    [InlineData("r0123456789abcdef0123456'", false)]
    [InlineData("", false)]
    public void RecoveryId_TryParse_AcceptsOnlyOwnShape(string text, bool ok) =>
        Assert.Equal(ok, RecoveryId.TryParse(text, out _));

    [Theory]
    [InlineData("G-7", 7)]
    [InlineData("g-7", 7)]
    [InlineData(" G-12 ", 12)]
    public void GapId_TryParse_CaseInsensitive(string text, int expected)
    {
        Assert.True(GapId.TryParse(text, out var id));
        Assert.Equal(expected, id.Number);
    }

    [Theory]
    [InlineData("G-0")]
    [InlineData("G-999999999999")]
    [InlineData("G-")]
    [InlineData("X-7")]
    [InlineData("G-7a")]
    public void GapId_TryParse_RejectsBadIds(string text) => Assert.False(GapId.TryParse(text, out _));

    [Fact]
    public void AtLocal_SkippedHourInBerlin_MovesPastTheGap()
    {
        var zone = TimeZones.Find("Europe/Berlin")!;
        var at = zone.AtLocal(new DateOnly(2026, 3, 29), new TimeOnly(2, 30));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), at);
    }

    [Fact]
    public void AtLocal_AcrossDst_KeepsWallClock()
    {
        var zone = TimeZones.Find("America/New_York")!;
        Assert.Equal(TimeSpan.FromHours(-4), zone.AtLocal(new DateOnly(2026, 10, 30), new TimeOnly(16, 0)).Offset);
        Assert.Equal(TimeSpan.FromHours(-5), zone.AtLocal(new DateOnly(2026, 11, 6), new TimeOnly(16, 0)).Offset);
    }

    [Theory]
    [InlineData("2026-12-04", 1, "2026-12-07")]
    [InlineData("2026-12-04", 2, "2026-12-08")]
    [InlineData("2026-12-05", 0, "2026-12-07")]
    [InlineData("2026-12-01", 5, "2026-12-08")]
    public void AddBusinessDays_SkipsWeekends(string from, int n, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture).AddBusinessDays(n));

    [Fact]
    public void Core_ReferencedAssemblies_HaveNoInfrastructure() =>
        Assert.DoesNotContain(typeof(Gap).Assembly.GetReferencedAssemblies(),
            a => a.Name!.StartsWith("Azure", StringComparison.Ordinal) || a.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                 || a.Name.StartsWith("System.Net.Http", StringComparison.Ordinal));
}
