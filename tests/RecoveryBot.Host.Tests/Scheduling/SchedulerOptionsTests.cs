using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Host.Scheduling;

namespace RecoveryBot.Host.Tests.Scheduling;

/// <summary>Section <c>Scheduler</c> as the host binds it: the outbox retention must outlast the catch-up window.</summary>
public sealed class SchedulerOptionsTests
{
    private static SchedulerOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Scheduler:" + s.Key, (string?)s.Value)))
            .Build();
        using var services = new ServiceCollection().AddSchedulerRunner(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SchedulerOptions>>().Value;
    }

    [Fact]
    public void Bind_Defaults_RetentionFourteenDays()
    {
        Assert.Equal(TimeSpan.FromDays(14), Bind().OutboxRetention);
    }

    [Theory]
    [InlineData("1.00:00:00", "8.00:00:00")]
    [InlineData("30.00:00:00", "37.00:00:00")]
    public void Bind_RetentionCoversCatchUpAndKeyDrift_Accepted(string catchUp, string retention)
    {
        Assert.Equal(TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture),
            Bind(("CatchUpLimit", catchUp), ("OutboxRetention", retention)).OutboxRetention);
    }

    [Theory]
    [InlineData("7.00:00:00", "10.00:00:00", "Scheduler__OutboxRetention (10.00:00:00) must be at least Scheduler__CatchUpLimit (7.00:00:00) plus 7 days")]
    [InlineData("7.00:00:00", "00:30:00", "Scheduler__OutboxRetention must be between")]
    public void Bind_RetentionTooShort_RefusedWithReason(string catchUp, string retention, string reason)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(("CatchUpLimit", catchUp), ("OutboxRetention", retention)));

        Assert.Contains(ex.Failures, f => f.Contains(reason, StringComparison.Ordinal));
    }
}
