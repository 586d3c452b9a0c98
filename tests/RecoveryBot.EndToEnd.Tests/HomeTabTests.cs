using System.Text.Json;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// The App Home tab against the running host: a signed app_home_opened event publishes (views.publish) what waits for
/// that person across their recoveries, with the buttons of each item; someone with nothing waiting is told so.
/// </summary>
public sealed class HomeTabTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Quotes = "C0QUOTES";
    private const string Billing = "C0BILLING";

    [Fact]
    public Task HomeOpened_PublishesThePersonsItemsAcrossRecoveries() => Scenario(async () =>
    {
        await Slack.CommandAsync(Lena, "start Quotes rollout", Quotes);
        await Slack.CommandAsync(Lena, $"approver {Dana.Mention}", Quotes);
        await Slack.CommandAsync(Mo, "gap Sales reps cannot send quotes from mobile", Quotes);
        await Slack.CommandAsync(Lena, $"assign G-1 {Ana.Mention} +5d", Quotes);
        await Slack.CommandAsync(Ana, "begin G-1", Quotes);
        await Slack.CommandAsync(Ana, $"ready G-1 retest {Ravi.Mention} +2d", Quotes);
        await Slack.CommandAsync(Lena, "start Billing recovery", Billing);
        await Slack.CommandAsync(Lena, $"approver {Dana.Mention}", Billing);
        await Slack.CommandAsync(Lena, "plan", Billing);

        // Ravi opens the app's Home tab: his retest in Quotes, with Works / Still broken.
        await Slack.EventAsync(HomeOpened(Ravi, "Ev0HOME1"));
        var ravis = await Published(Ravi);
        Assert.Contains("Quotes rollout", ravis.Json.GetProperty("view").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("G-1: Works in my normal day", Labels(ravis));

        // Dana's tab has the Billing plan to decide; Mo has nothing waiting and is told so in one line.
        await Slack.EventAsync(HomeOpened(Dana, "Ev0HOME2"));
        Assert.Contains("CR-1: Approve", Labels(await Published(Dana)));
        await Slack.EventAsync(HomeOpened(Mo, "Ev0HOME3"));
        Assert.Contains("Nothing waits for you", (await Published(Mo)).Json.GetProperty("view").GetRawText(), StringComparison.Ordinal);
    });

    private async Task<SlackCall> Published(Person who) =>
        (await Slack.Api.WaitFor($"views.publish for {who.Id}", c => c.Any(x => IsPublish(x, who)))).Last(x => IsPublish(x, who));

    private static bool IsPublish(SlackCall c, Person who) =>
        c.Method == "views.publish" && c.Json.GetProperty("user_id").GetString() == who.Id;

    private static List<string?> Labels(SlackCall publish) =>
    [
        .. publish.Json.GetProperty("view").GetProperty("blocks").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Select(e => e.GetProperty("text").GetProperty("text").GetString()),
    ];

    private static string HomeOpened(Person who, string eventId) => JsonSerializer.Serialize(new
    {
        token = "unused",
        team_id = SlackWorkspace.Team,
        api_app_id = "A0E2E",
        type = "event_callback",
        event_id = eventId,
        event_time = 1795600000,
        authorizations = new[] { new { team_id = SlackWorkspace.Team, user_id = "U0BOT", is_bot = true } },
        @event = new { type = "app_home_opened", user = who.Id, channel = "D" + who.Id, tab = "home", event_ts = "1795600000.000100" },
    });
}
