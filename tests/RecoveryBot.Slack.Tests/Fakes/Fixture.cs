using System.Text;

namespace RecoveryBot.Slack.Tests.Fakes;

/// <summary>Captured Slack payloads (see Fixtures/README.md), as Slack sends them.</summary>
public static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>An interactivity body: one form field <c>payload</c> holding the JSON.</summary>
    public static string Interaction(string json) => "payload=" + Uri.EscapeDataString(json);

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
