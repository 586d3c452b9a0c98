using System.Globalization;
using System.Net;
using CsvHelper;
using CsvHelper.Configuration;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>
/// A whole recovery in one Slack channel, against the real host process: slash commands and button clicks from
/// <c>start</c> to the approver's closure, checked at every step in the HTTP answers, the messages the bot posted and
/// updated at the (fake) Slack Web API, and the rows in Azurite.
/// </summary>
public sealed class FullRecoveryTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Channel = "C0QUOTES";
    private const string Team = SlackWorkspace.Team;

    [Fact]
    public Task StartToClosure_ThroughSlashCommandsAndCardClicks() => Scenario(async () =>
    {
        var api = Slack.Api;
        var stored = Slack.Stored;

        // Lena starts the recovery and names Dana (client side) the approver.
        var reply = await Slack.CommandAsync(Lena, "start Quotes rollout tz Europe/Berlin", Channel);
        Assert.True(reply.IsEmpty, $"start answers with a silent ack, its news goes to the channel: {reply}");
        var started = await api.WaitForPost("Recovery \"Quotes rollout\" started by Lena Ortiz (lead), time zone Europe/Berlin");
        Assert.Equal(Channel, started.Channel);
        Assert.Equal("Bearer " + SlackWorkspace.BotToken, started.Authorization);
        var recovery = await stored.RecoveryAsync(Team, Channel);
        Assert.NotNull(recovery);
        Assert.Equal(("Quotes rollout", "Europe/Berlin", "Triage", true), (recovery.GetString("Name"), recovery.GetString("TimeZone"), recovery.GetString("Phase"), recovery.GetBoolean("Frozen")));
        Assert.Equal(Lena.Id, StoredState.UserId(recovery, "Lead"));

        await Slack.CommandAsync(Lena, $"approver {Dana.Mention}", Channel);
        await api.WaitForPost("Dana Ruiz is now the approver of \"Quotes rollout\"");
        Assert.Equal(Dana.Id, StoredState.UserId((await stored.RecoveryAsync(Team, Channel))!, "Approver"));

        // Mo, a member, reports the gap: a line and the gap card go to the channel.
        reply = await Slack.CommandAsync(Mo, "gap Sales reps cannot send quotes from mobile", Channel);
        Assert.True(reply.IsEmpty, reply.ToString());
        await api.WaitForPost("G-1 logged by Mo Okafor: Sales reps cannot send quotes from mobile.");
        var gapCard = await api.WaitFor("G-1's card", c => c.Any(x => x.Method == "chat.postMessage" && x.Ok && x.BlockText.Contains("G-1 Sales reps", StringComparison.Ordinal)));
        Assert.Contains("Reported by", gapCard.Last(x => x.BlockText.Contains("G-1 Sales reps", StringComparison.Ordinal)).BlockText, StringComparison.Ordinal);
        var g1 = await stored.GapAsync(Team, Channel, 1);
        Assert.Equal(("Sales reps cannot send quotes from mobile", "Open", "Defect", "Now"), (g1.GetString("Title"), g1.GetString("Status"), g1.GetString("Kind"), g1.GetString("Bucket")));
        Assert.Equal(Mo.Id, StoredState.UserId(g1, "Reporter"));

        // Lena gives it one owner and one date; Ana starts work.
        var due = "+7d";
        await Slack.CommandAsync(Lena, $"assign G-1 {Ana.Mention} {due}", Channel);
        var assigned = await api.WaitForPost("G-1 → Ana Silva, due ");
        Assert.Contains("One owner, one date.", assigned.Text, StringComparison.Ordinal);
        g1 = await stored.GapAsync(Team, Channel, 1);
        Assert.Equal(("Planned", Ana.Id), (g1.GetString("Status"), StoredState.UserId(g1, "Owner")));
        Assert.Equal(BerlinToday().AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g1.GetString("Due"));

        await Slack.CommandAsync(Ana, "begin G-1", Channel);
        await api.WaitForPost("G-1 is in progress (Ana Silva, due ");
        Assert.Equal("InProgress", (await stored.GapAsync(Team, Channel, 1)).GetString("Status"));

        // Ana marks the fix ready with Ravi as retester: the retest card is posted with Works / Still broken.
        await Slack.CommandAsync(Ana, $"ready G-1 retest {Ravi.Mention} +2d", Channel);
        await api.WaitForPost($"G-1 fix ready. <@{Ravi.Id}> retests it on ");
        var retestCard = await api.WaitForPost("Does G-1 work in your normal day?");
        Assert.Equal(["works", "broken"], retestCard.Buttons.Select(b => b.GetProperty("action_id").GetString()));
        g1 = await stored.GapAsync(Team, Channel, 1);
        Assert.Equal(("FixReady", Ravi.Id), (g1.GetString("Status"), StoredState.UserId(g1, "Retester")));

        // Ravi clicks "Works in my normal day" on the card the bot posted.
        reply = await Slack.ClickAsync(Ravi, retestCard, "works");
        Assert.True(reply.IsEmpty, $"a click is acknowledged with an empty 200: {reply}");
        await api.WaitForPost("G-1 verified by Ravi Patel: Sales reps cannot send quotes from mobile works again in a normal day.");
        g1 = await stored.GapAsync(Team, Channel, 1);
        Assert.Equal(("Verified", Ravi.Id), (g1.GetString("Status"), StoredState.UserId(g1, "VerifiedBy")));

        // Lena proposes the reset plan; Dana approves it with one click and the card is updated in place.
        await Slack.CommandAsync(Lena, "plan", Channel);
        var planCard = await ApprovalCardAsync(1);
        await Slack.ClickAsync(Dana, planCard, "approve");
        await ExpectDecidedInPlaceAsync(planCard, "Approved by");
        await api.WaitForPost("CR-1 Reset plan for \"Quotes rollout\" — Approved by Dana Ruiz on ");
        Assert.Equal("Recovery", (await stored.RecoveryAsync(Team, Channel))!.GetString("Phase"));
        Assert.Equal("Approved", (await stored.ChangeAsync(Team, Channel, 1))!.GetString("State"));

        // Lena asks for the batch sign-off; Dana signs the verified item off from the card.
        await Slack.CommandAsync(Lena, "signoff", Channel);
        var signOffCard = await ApprovalCardAsync(2);
        Assert.Contains("G-1 Sales reps cannot send quotes from mobile", signOffCard.BlockText, StringComparison.Ordinal);
        await Slack.ClickAsync(Dana, signOffCard, "approve");
        await ExpectDecidedInPlaceAsync(signOffCard, "Approved by");
        g1 = await stored.GapAsync(Team, Channel, 1);
        Assert.Equal("Closed", g1.GetString("Status"));
        Assert.NotNull(g1.GetDateTimeOffset("ClosedAt"));

        // Closure: the next review, a lesson, go/no-go, then Lena asks and Dana approves.
        await Slack.CommandAsync(Lena, "review +10d 15:00", Channel);
        await api.WaitForPost("Next review:");
        reply = await Slack.CommandAsync(Lena, "lesson Quotes were never tried on a phone before go-live", Channel);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.StartsWith("Lesson recorded (1 so far)", reply.Text, StringComparison.Ordinal);

        reply = await Slack.CommandAsync(Lena, "gonogo", Channel);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains("ready to close", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.HasBlocks, reply.ToString());

        await Slack.CommandAsync(Lena, "close", Channel);
        var closureCard = await ApprovalCardAsync(3);
        await Slack.ClickAsync(Dana, closureCard, "approve");
        await ExpectDecidedInPlaceAsync(closureCard, "Approved by");
        recovery = await stored.RecoveryAsync(Team, Channel);
        Assert.Equal("Closed", recovery!.GetString("Phase"));
        Assert.NotNull(recovery.GetDateTimeOffset("ClosedAt"));
        Assert.All(await stored.ChangesAsync(Team, Channel), c => Assert.Equal("Approved", c.GetString("State")));

        // Every step is in the history, and every post went to this channel, or as personal work to the DM of the
        // person it concerns (the retester's card, the approver's cards), with the bot token, once.
        var history = await stored.HistoryAsync(Team, Channel);
        Assert.True(history.Count >= 15, $"expected the whole story in the history, found {history.Count} events");
        Assert.All(api.Calls.Where(c => c.Method.StartsWith("chat.", StringComparison.Ordinal)), c =>
        {
            Assert.Contains(c.Channel, new[] { Channel, "D" + Ravi.Id, "D" + Dana.Id });
            Assert.Equal("Bearer " + SlackWorkspace.BotToken, c.Authorization);
        });
        Assert.Equal(3, api.Posts.Count(p => p.Channel == "D" + Dana.Id)); // reset plan, sign-off, closure
        Assert.DoesNotContain(api.Calls, c => !c.Ok);
        var posts = api.Posts.Where(p => p.Channel == Channel).Select(p => p.Text).ToList();
        Assert.Equal(posts.Count, posts.Distinct().Count());

        // The one-page summary link works, and its CSV shows the item closed with its one owner and its retester.
        reply = await Slack.CommandAsync(Lena, "summary", Channel);
        Assert.Equal("ephemeral", reply.ResponseType);
        var link = reply.Text[reply.Text.IndexOf("http", StringComparison.Ordinal)..].Trim();
        Assert.StartsWith(Slack.Host.BaseUrl.AbsoluteUri, link, StringComparison.Ordinal);
        using var page = await Slack.Http.GetAsync(new Uri(link));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Quotes rollout", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var csvUrl = new Uri(link.Replace("/summary?", "/gaps.csv?", StringComparison.Ordinal));
        using var csv = await Slack.Http.GetAsync(csvUrl);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        using var reader = new CsvReader(new StringReader(await csv.Content.ReadAsStringAsync()), new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("G-1", row["id"]);
        Assert.Equal("closed", row["status"]);
        Assert.Equal("Sales reps cannot send quotes from mobile", row["title"]);
        Assert.Equal(g1.GetString("Due"), row["due"]);
        Assert.Equal(("Ana Silva", "Ravi Patel", "Ravi Patel", "Mo Okafor"), (row["owner"], row["retester"], row["verified_by"], row["reporter"]));

        // After closure: what still hurts is a follow-up item of the closed recovery; closing again is refused.
        await Slack.CommandAsync(Mo, "gap Quotes still time out on the tablet", Channel);
        await api.WaitForPost("G-2 logged by Mo Okafor as a follow-up item of the closed recovery \"Quotes rollout\"");
        Assert.Equal("Quotes still time out on the tablet", (await stored.GapAsync(Team, Channel, 2)).GetString("Title"));
        reply = await Slack.CommandAsync(Lena, "close", Channel);
        Assert.Contains("so close no longer applies", reply.Text, StringComparison.Ordinal);

        // A new recovery in the same channel, under its own id; the closed one stays listed and reachable.
        await Slack.CommandAsync(Lena, "start Quotes rollout, round two tz Europe/Berlin", Channel);
        await api.WaitForPost("Recovery \"Quotes rollout, round two\" started by Lena Ortiz (lead)");
        Assert.Equal(1, (await stored.RecoveryAsync(Team, Channel))!.GetInt32("Latest"));
        var second = await stored.RecoveryAsync(Team, Channel, 1);
        Assert.Equal(("Quotes rollout, round two", "Triage"), (second!.GetString("Name"), second.GetString("Phase")));
        await Slack.CommandAsync(Mo, "gap Tablet quotes time out", Channel);
        await api.WaitForPost("G-1 logged by Mo Okafor: Tablet quotes time out.");
        reply = await Slack.CommandAsync(Mo, "recoveries", Channel);
        Assert.Contains("1. \"Quotes rollout\" — closed ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2. \"Quotes rollout, round two\" — triage", reply.Text, StringComparison.Ordinal);
        using var earlier = await Slack.Http.GetAsync(new Uri(link));
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    });

    /// <summary>Waits for CR-n's approval card and until the host remembered which message shows it.</summary>
    private async Task<SlackCall> ApprovalCardAsync(int number)
    {
        var label = "CR-" + number.ToString(CultureInfo.InvariantCulture);
        var line = await Slack.Api.WaitForPost($"{label}: ");
        Assert.Contains("waiting for", line.Text, StringComparison.Ordinal);
        var calls = await Slack.Api.WaitFor($"the approval card of {label}",
            c => c.Any(x => x.Method == "chat.postMessage" && x.Ok && x.Channel == Channel && x.Buttons.Any(b => b.GetProperty("value").GetString()!.StartsWith($"c:{number}:", StringComparison.Ordinal))));
        var card = calls.Single(x => x.Method == "chat.postMessage" && x.Ok && x.Channel == Channel && x.Buttons.Any(b => b.GetProperty("value").GetString()!.StartsWith($"c:{number}:", StringComparison.Ordinal)));
        Assert.Equal(["approve", "reject"], card.Buttons.Select(b => b.GetProperty("action_id").GetString()));
        // The card's ts is stored after the post returns; a click before that could not update it in place.
        await Eventually($"{label}'s card message to be stored", async () =>
            (await Slack.Stored.ChangeAsync(SlackWorkspace.Team, Channel, number))?.GetString("CardMessage") == $"{Channel}|{card.Ts}");
        return card;
    }

    private async Task ExpectDecidedInPlaceAsync(SlackCall card, string decision)
    {
        var calls = await Slack.Api.WaitFor($"chat.update of {card.Ts}", c => c.Any(x => x.Method == "chat.update" && x.Ok && x.Json.GetProperty("ts").GetString() == card.Ts));
        var update = Assert.Single(calls, x => x.Method == "chat.update" && x.Json.GetProperty("ts").GetString() == card.Ts);
        Assert.Equal(Channel, update.Channel);
        Assert.Contains(decision, update.Text + update.BlockText, StringComparison.Ordinal);
        Assert.Matches(@"Approved by Dana Ruiz on \w{3} \d{1,2} \w{3} \d{4} \d\d:\d\d", update.BlockText);
        Assert.Empty(update.Buttons);
    }

    private static DateOnly BerlinToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
}
