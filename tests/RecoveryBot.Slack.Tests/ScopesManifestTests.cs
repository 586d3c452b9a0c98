using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RecoveryBot.Slack.Api;

namespace RecoveryBot.Slack.Tests;

/// <summary>manifest/slack/scopes.json must list every Web API method the client can call (its scopes drive the manifest).</summary>
public sealed class ScopesManifestTests
{
    private static string ScopesFile([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "manifest", "slack", "scopes.json"));

    private static List<string> MethodConstants() =>
        [.. typeof(SlackApiClient).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(SlackApiClient.HttpClientName))
            .Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void ScopesJson_ListsEveryMethodTheClientCalls()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ScopesFile()));
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        var methods = MethodConstants();
        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(keys.Contains(m), $"{m} is called by SlackApiClient but missing from manifest/slack/scopes.json"));
    }

    [Fact]
    public void Methods_ListsEveryMethodConstant() =>
        Assert.Equal(MethodConstants().Order(), SlackApiClient.Methods.Order());
}
