using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Core.Rules;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Teams.Cards;
using RecoveryBot.Teams.Tests.Support;

namespace RecoveryBot.Teams.Tests;

/// <summary>A retest reminder that goes out late says so under its question, as the late check-in does.</summary>
public sealed class RetestLateCardTests
{
    private static string Wire(CardDoc view) => JsonSerializer.Serialize(CardRenderer.Render(view), TeamsJson.Wire.AdaptiveCard);

    private static CardDoc Retest(bool late)
    {
        var gap = CardSamples.Gap(7);
        return GapDocs.Retest(Testing.DocSamples.Recovery(), gap, GapActions.Retest(gap), reminder: true, late: late);
    }

    private static List<JsonNode> Body(CardDoc view) => [.. JsonNode.Parse(Wire(view))!["body"]!.AsArray().Select(n => n!)];

    /// <summary>A RichTextBlock's text as shown (its runs joined).</summary>
    private static string? Text(JsonNode b) => b["inlines"] is JsonArray runs ? string.Concat(runs.Select(r => (string?)r!["text"])) : (string?)b["text"];

    [Fact]
    public void Render_LateRetestReminder_SubtleLateNote()
    {
        var body = Body(Retest(late: true));

        Assert.Contains(body, b => Text(b) == "Reminder: does G-7 work in your normal day?");
        var note = body.Single(b => Text(b) == ScheduledTexts.LateCardNote);
        Assert.True((bool?)note["inlines"]![0]!["isSubtle"]);
    }

    [Fact]
    public void Render_OnTimeRetestReminder_NoLateNote()
    {
        Assert.DoesNotContain(Body(Retest(late: false)), b => Text(b) == ScheduledTexts.LateCardNote);
    }

    [Fact]
    public void Render_LateCheckin_ShowsTheSameNote()
    {
        var checkin = CardSamples.All().Single(c => c.Name == "checkin").View;

        Assert.Contains(Body(checkin), b => Text(b) == ScheduledTexts.LateCardNote);
    }

    [Fact]
    public async Task LateRetestReminder_PassesTheAdaptiveCardsRenderersValidation()
    {
        var dir = Directory.CreateTempSubdirectory("rb-retest-late-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "retest-late.json"), Wire(Retest(late: true)));

            var start = new ProcessStartInfo("node") { WorkingDirectory = Fixtures.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(Fixtures.RepoRoot, "tests", "cards", "validate.mjs"));
            start.ArgumentList.Add(dir);
            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await node.WaitForExitAsync(timeout.Token);

            var output = await stdout + await stderr;
            Assert.True(node.ExitCode == 0, output);
            Assert.Contains("1 valid, 0 invalid", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
