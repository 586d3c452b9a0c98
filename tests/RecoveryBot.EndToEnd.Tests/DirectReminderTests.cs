using System.Globalization;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// Scheduled personal work goes to the person by direct message (<c>due --at</c>, as an operator runs it): the retest
/// reminder to the retester with the retest card, the overdue nudge to the owner. A person who cannot get a DM is
/// mentioned in the channel instead, once, and the lead reads that once in the next check-in.
/// </summary>
public sealed class DirectReminderTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Channel = "C0DUE";

    [Fact]
    public Task DueAt_RetestReminderByDm_NudgeFallsBackToTheChannelOnce_LeadToldOnce() => Scenario(async () =>
    {
        var api = Slack.Api;
        // A Monday a week or more ahead, so the dates do not depend on the day the test runs.
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(7 + ((8 - (int)today.DayOfWeek) % 7));
        var tuesday = monday.AddDays(1);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await Slack.CommandAsync(Lena, "start Release train", Channel);
        await Slack.CommandAsync(Mo, "gap Quotes fail on mobile", Channel);
        await Slack.CommandAsync(Mo, "gap Export drops the VAT", Channel);
        await Slack.CommandAsync(Lena, $"assign G-1 {Ana.Mention} {Iso(monday)}", Channel);
        await Slack.CommandAsync(Ana, "begin G-1", Channel);
        await Slack.CommandAsync(Ana, $"ready G-1 retest {Ravi.Mention} {Iso(tuesday)}", Channel);
        await Slack.CommandAsync(Lena, $"assign G-2 {Ana.Mention} {Iso(monday)}", Channel);
        await Slack.CommandAsync(Ana, "begin G-2", Channel);
        await api.WaitForPost("G-2 is in progress");
        await Slack.CommandAsync(Mo, "gap Reports are slow", Channel);
        await Slack.CommandAsync(Lena, $"assign G-3 {Mo.Mention} {Iso(monday)}", Channel);
        await Slack.CommandAsync(Mo, "begin G-3", Channel);
        await api.WaitForPost("G-3 is in progress");
        api.Undeliverable[Ana.Id] = "cannot_dm_bot";

        var at = new DateTimeOffset(tuesday.ToDateTime(new TimeOnly(10, 5)), TimeSpan.Zero);
        await Slack.DueAsync(at);

        // Ravi's retest reminder is the retest card, in his DM, mentioning him.
        var reminder = await api.WaitForPost("Reminder: does G-1 work in your normal day?");
        Assert.Equal("D" + Ravi.Id, reminder.Channel);
        Assert.Equal(["works", "broken"], reminder.Buttons.Select(b => b.GetProperty("action_id").GetString()));
        Assert.Contains($"<@{Ravi.Id}>", reminder.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Posts, p => p.Channel == Channel && p.BlockText.Contains("does G-1 work", StringComparison.Ordinal));

        // Ana cannot get a DM: her nudge is the channel mention instead, once.
        var nudge = await api.WaitForPost($"<@{Ana.Id}>, G-2");
        Assert.Equal(Channel, nudge.Channel);
        Assert.Contains(api.Calls, c => c.Method == "conversations.open" && c.Body.Contains(Ana.Id, StringComparison.Ordinal));

        // Mo's overdue nudge is a card in his DM with Mark fix ready and Move the date.
        var moNudge = await api.WaitForPost("Overdue: G-3", channel: "D" + Mo.Id);
        Assert.Equal(["ready-form", "due-form"], moNudge.Buttons.Select(b => b.GetProperty("action_id").GetString()));

        // The same time again posts nothing: each occurrence happens once.
        var before = api.Posts.Count;
        await Slack.DueAsync(at);
        Assert.Equal(before, api.Posts.Count);

        // Ravi answers on the card in his DM: the channel's recovery has G-1 verified and the channel hears it.
        await Slack.ClickAsync(Ravi, reminder, "works");
        var verified = await api.WaitForPost("G-1 verified by Ravi Patel");
        Assert.Equal(Channel, verified.Channel);

        // The lead is told once, in the week's check-in (Friday 16:00 in the recovery's zone, UTC here).
        await Slack.DueAsync(new DateTimeOffset(tuesday.AddDays(3).ToDateTime(new TimeOnly(16, 5)), TimeSpan.Zero));
        var checkin = await api.WaitForPost("For the lead: posts that could not be delivered");
        Assert.Contains("could not reach Ana Silva by direct message (cannot_dm_bot); it was posted in the channel instead.", checkin.BlockText, StringComparison.Ordinal);
        Assert.Single(api.Posts, p => p.BlockText.Contains("could not reach Ana Silva", StringComparison.Ordinal));
    });
}
