using System.Net;
using System.Text;
using RecoveryBot.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests;

/// <summary>What the real host does with requests it must not trust or cannot use: refused, answered clearly, nothing changed.</summary>
public sealed class BadInputTests(AzuriteForHosts azurite, ITestOutputHelper output) : EndToEndTest(azurite, output)
{
    private const string Channel = "C0BADIN";

    [Fact]
    public Task UnsignedOrForgedRequests_Get401_AndStoreNothing() => Scenario(async () =>
    {
        var body = Encoding.UTF8.GetBytes(Slack.SlashBody(Lena, "start Forged recovery", Channel));
        const string form = "application/x-www-form-urlencoded";
        var staleTimestamp = SlackSigner.Timestamp(TimeProvider.System.GetUtcNow().AddSeconds(-400));

        var refused = new (string Why, Reply Reply)[]
        {
            ("no signature headers", await Slack.PostAsync("/slack/commands", body, form, secret: null)),
            ("signed with another secret", await Slack.PostAsync("/slack/commands", body, form, secret: "not-the-signing-secret")),
            ("stale timestamp (400 s old)", await Slack.PostAsync("/slack/commands", body, form, timestamp: staleTimestamp)),
            ("body changed after signing", await Slack.PostAsync("/slack/commands", body, form, edit: r =>
                r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Slack.SlashBody(Dana, "start Forged recovery", Channel)))
                {
                    Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(form) },
                })),
            ("signature version v1", await Slack.PostAsync("/slack/commands", body, form, edit: r =>
            {
                var v0 = r.Headers.GetValues(SlackSigner.SignatureHeader).Single();
                r.Headers.Remove(SlackSigner.SignatureHeader);
                r.Headers.Add(SlackSigner.SignatureHeader, "v1=" + v0[3..]);
            })),
            ("forged event", await Slack.PostAsync("/slack/events",
                Encoding.UTF8.GetBytes(SlackWorkspace.AppMentionEvent("Ev0FORGED", Lena, Channel, "<@U0BOT> start Forged", "1795600000.000100")),
                "application/json", secret: "not-the-signing-secret")),
            ("forged click", await Slack.PostAsync("/slack/interactivity", Encoding.UTF8.GetBytes("payload=%7B%22type%22%3A%22block_actions%22%7D"), form,
                secret: "not-the-signing-secret")),
        };

        foreach (var (why, reply) in refused)
        {
            Assert.True(reply.Status == HttpStatusCode.Unauthorized, $"{why}: expected 401, got {reply}");
            Assert.DoesNotContain("Forged", reply.Body, StringComparison.Ordinal);
        }
        // The same body, correctly signed, is accepted: the refusals above were about the signature alone.
        Assert.Equal(HttpStatusCode.OK, (await Slack.PostAsync("/slack/commands", Encoding.UTF8.GetBytes(Slack.SlashBody(Lena, "help", Channel)), form)).Status);

        Assert.Empty(await Slack.Stored.AllRecoveryRowsAsync());
        Assert.DoesNotContain(Slack.Api.Calls, c => c.Method.StartsWith("chat.", StringComparison.Ordinal));
    });

    [Fact]
    public Task WrongCommands_GetOneLineEphemeralAnswers_AndChangeNothing() => Scenario(async () =>
    {
        await Slack.CommandAsync(Lena, "start Quotes rollout", Channel);
        await Slack.Api.WaitForPost("Recovery \"Quotes rollout\" started");
        await Slack.CommandAsync(Mo, "gap Sales reps cannot send quotes from mobile", Channel);
        await Slack.Api.WaitForPost("G-1 logged by");
        await Slack.Api.WaitFor("G-1's card", c => c.Any(x => x.Method == "chat.postMessage" && x.Ok && x.Json.TryGetProperty("blocks", out _)));
        var before = await Snapshot();
        var postsBefore = Slack.Api.Posts.Count;

        (string Text, Person By, string Expect)[] wrong =
        [
            ("asign G-1 <@U0ANA|ana> fri", Lena, "Did you mean assign?"),
            ("assign G-1 ana fri", Lena, "Mention the owner with @"),
            ("assign G-1 <@U0ANA|ana> 2026-02-30", Lena, ""),
            ("begin G-99", Lena, "G-99"),
            ("assign G-1 <@U0ANA|ana> +3d", Mo, "lead"),
            ("approve CR-1", Mo, ""),
            ("frobnicate", Lena, "help"),
        ];
        foreach (var (text, by, expect) in wrong)
        {
            var reply = await Slack.CommandAsync(by, text, Channel);
            Assert.False(reply.IsEmpty, $"`{text}` got no answer at all");
            Assert.Equal("ephemeral", reply.ResponseType);
            Assert.False(reply.Text.Contains('\n', StringComparison.Ordinal), $"`{text}` should get one line, got: {reply.Text}");
            Assert.Contains(expect, reply.Text, StringComparison.Ordinal);
            Output.WriteLine($"/recovery {text}  ->  {reply.Text}");
        }

        // A barrier: the next channel post comes after anything the wrong commands could have queued for the channel.
        await Slack.CommandAsync(Lena, "review +10d", Channel);
        await Slack.Api.WaitForPost("Next review:");
        Assert.Equal(postsBefore + 1, Slack.Api.Posts.Count);
        var after = await Snapshot();
        Assert.Equal(before.Gaps, after.Gaps);
        Assert.Equal(before.Changes, after.Changes);
        Assert.Equal(before.History + 1, after.History);
    });

    [Fact]
    public Task StaleCardClick_IsAnsweredClearly_AndChangesNothing() => Scenario(async () =>
    {
        await Slack.CommandAsync(Lena, "start Quotes rollout", Channel);
        await Slack.CommandAsync(Lena, $"approver {Dana.Mention}", Channel);
        await Slack.CommandAsync(Mo, "gap Sales reps cannot send quotes from mobile", Channel);
        await Slack.CommandAsync(Lena, $"assign G-1 {Ana.Mention} +5d", Channel);
        await Slack.CommandAsync(Ana, "begin G-1", Channel);
        await Slack.CommandAsync(Ana, $"ready G-1 retest {Ravi.Mention} +1d", Channel);
        var retestCard = await Slack.Api.WaitForPost("Does G-1 work in your normal day?");

        // Ravi first answers by typing; the card he then clicks still shows the older revision.
        var typed = await Slack.CommandAsync(Ravi, "broken G-1 the PDF preview is still blank", Channel);
        await Slack.Api.WaitForPost("G-1 is still broken for");
        var before = await Slack.Stored.GapAsync(SlackWorkspace.Team, Channel, 1);
        Assert.Equal("InProgress", before.GetString("Status"));
        var historyBefore = (await Slack.Stored.HistoryAsync(SlackWorkspace.Team, Channel)).Count;

        var reply = await Slack.ClickAsync(Ravi, retestCard, "works");
        Assert.True(reply.IsEmpty, $"the click is acknowledged; the answer goes to Ravi alone: {reply} (typed: {typed})");
        var answer = (await Slack.Api.WaitFor("the private answer to the stale click", c => c.Any(x => x.Method == "chat.postEphemeral" && x.Ok)))
            .Single(x => x.Method == "chat.postEphemeral");
        Assert.Equal(Ravi.Id, answer.Json.GetProperty("user").GetString());
        Assert.Contains("out of date", answer.Text + answer.BlockText, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", answer.Text + answer.BlockText, StringComparison.Ordinal);

        var after = await Slack.Stored.GapAsync(SlackWorkspace.Team, Channel, 1);
        Assert.Equal(("InProgress", before.GetInt32("Revision"), before.ETag), (after.GetString("Status"), after.GetInt32("Revision"), after.ETag));
        Assert.Null(after.GetString("VerifiedBy"));
        Assert.Equal(historyBefore, (await Slack.Stored.HistoryAsync(SlackWorkspace.Team, Channel)).Count);
        Assert.DoesNotContain(Slack.Api.Posts, p => p.Text.Contains("G-1 verified", StringComparison.Ordinal));
    });

    [Fact]
    public Task HugePayloads_Get413_AndStoreNothing() => Scenario(async () =>
    {
        // 200 KB of text in a slash command, and 2 MB (above Kestrel's own 1 MB cap), both correctly signed; and the
        // 200 KB without a Content-Length (chunked), where the cap is enforced while reading.
        var big = Encoding.UTF8.GetBytes(Slack.SlashBody(Lena, "start " + new string('x', 200 * 1024), Channel));
        var huge = Encoding.UTF8.GetBytes(Slack.SlashBody(Lena, "start " + new string('x', 2 * 1024 * 1024), Channel));
        Assert.Equal(413, await Slack.PostRawAsync("/slack/commands", big, "application/x-www-form-urlencoded", chunked: false));
        Assert.Equal(413, await Slack.PostRawAsync("/slack/commands", huge, "application/x-www-form-urlencoded", chunked: false));
        Assert.Equal(413, await Slack.PostRawAsync("/slack/commands", big, "application/x-www-form-urlencoded", chunked: true));
        Assert.Equal(413, await Slack.PostRawAsync("/slack/interactivity", big, "application/x-www-form-urlencoded", chunked: true));

        var bigEvent = SlackWorkspace.AppMentionEvent("Ev0HUGE", Lena, Channel, "<@U0BOT> start " + new string('y', 300 * 1024), "1795600000.000200");
        Assert.Equal(413, await Slack.PostRawAsync("/slack/events", Encoding.UTF8.GetBytes(bigEvent), "application/json", chunked: false));

        Assert.Empty(await Slack.Stored.AllRecoveryRowsAsync());
        Assert.False(Slack.Host.HasExited);
        // Still serving: a normal command right after works.
        await Slack.CommandAsync(Lena, "start Quotes rollout", Channel);
        await Slack.Api.WaitForPost("Recovery \"Quotes rollout\" started");
    });

    private async Task<(string Gaps, string Changes, int History)> Snapshot()
    {
        var gaps = await Slack.Stored.GapsAsync(SlackWorkspace.Team, Channel);
        var changes = await Slack.Stored.ChangesAsync(SlackWorkspace.Team, Channel);
        var history = await Slack.Stored.HistoryAsync(SlackWorkspace.Team, Channel);
        return (string.Join(";", gaps.Select(g => $"{g.RowKey}:{g.ETag}")), string.Join(";", changes.Select(c => $"{c.RowKey}:{c.ETag}")), history.Count);
    }

    [Fact]
    public Task TitleTypedWithMarkup_IsPostedAsLiteralText_NeverMrkdwn() => Scenario(async () =>
    {
        const string channel = "C0MARKUP";
        await Slack.CommandAsync(Lena, "start Markup check", channel);
        await Slack.Api.WaitForPost("Recovery \"Markup check\" started");
        // Slack escapes &, < and > in what people type and sends its own tokens (links, mentions) unescaped.
        const string typed = "<b>bold</b> *x* _y_ <https://a.example|b> <!channel> & done";
        var escaped = typed.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        await Slack.CommandAsync(Mo, "gap " + escaped, channel);

        var post = await Slack.Api.WaitForPost("G-1 logged by");
        var blocks = post.Json.GetProperty("blocks");
        Assert.DoesNotContain("\"mrkdwn\"", blocks.GetRawText(), StringComparison.Ordinal);
        var shown = string.Concat(Texts(blocks));
        Assert.Contains("G-1 logged by Mo Okafor: " + typed, shown, StringComparison.Ordinal);
        Assert.Contains("G-1 " + typed, shown, StringComparison.Ordinal);
        // The notification text is the one mrkdwn field: nothing in it is a tag, link or broadcast.
        Assert.DoesNotContain("<", post.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", post.Text, StringComparison.Ordinal);
    });

    private static IEnumerable<string> Texts(System.Text.Json.JsonElement e)
    {
        if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray()) foreach (var t in Texts(item)) yield return t;
        }
        else if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name == "text" && p.Value.ValueKind == System.Text.Json.JsonValueKind.String) yield return p.Value.GetString()!;
                else foreach (var t in Texts(p.Value)) yield return t;
            }
        }
    }
}
