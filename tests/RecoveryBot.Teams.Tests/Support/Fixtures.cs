using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecoveryBot.Teams.Activities;

namespace RecoveryBot.Teams.Tests.Support;

/// <summary>The Agents Playground's recorded activities (Fixtures/*.json), as text, JSON or parsed activities.</summary>
public static class Fixtures
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"));

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();

    internal static Activity Activity(string name) => Parse(Text(name));

    internal static Activity Parse(string json) => JsonSerializer.Deserialize(json, TeamsJson.Wire.Activity)!;

    /// <summary>A fixture with its serviceUrl pointed at a local fake connector, and optional changes.</summary>
    public static string Retarget(string name, string serviceUrl, Action<JsonObject>? change = null)
    {
        var json = Json(name);
        json["serviceUrl"] = serviceUrl;
        change?.Invoke(json);
        return json.ToJsonString();
    }

    public static string RepoRoot { get; } = typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;
}
