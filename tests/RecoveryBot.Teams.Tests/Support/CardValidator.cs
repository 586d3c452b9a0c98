using System.Diagnostics;
using System.Text.Json;
using RecoveryBot.Teams.Cards;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>Runs tests/cards/validate.mjs (Microsoft's Adaptive Cards library, npm adaptivecards) on card JSON files.</summary>
public static class CardValidator
{
    private static string Script => Path.Combine(Fixtures.RepoRoot, "tests", "cards", "validate.mjs");

    internal static string Wire(AdaptiveCard card) => JsonSerializer.Serialize(card, TeamsJson.Wire.AdaptiveCard);

    /// <summary>Validates every .json file in <paramref name="path"/> (a folder or one file).</summary>
    public static (int Exit, string Output) Run(string path)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Fixtures.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        Assert.True(node.WaitForExit(60_000), "node did not finish in 60 s");
        return (node.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Writes <paramref name="json"/> (one card) to a temp folder and validates it.</summary>
    public static (int Exit, string Output) RunOne(string json)
    {
        var dir = Directory.CreateTempSubdirectory("rb-cards-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "card.json"), json);
            return Run(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
