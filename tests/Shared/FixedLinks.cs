using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Testing;

public sealed class FixedLinks : ISummaryLinks
{
    public string SummaryUrl(Recovery recovery) => $"https://bot.test/recoveries/{recovery.Id}/summary?g={recovery.LinkGeneration}";

    public string RetroUrl(Recovery recovery) => $"https://bot.test/recoveries/{recovery.Id}/retro.md?g={recovery.LinkGeneration}";

    public string LogUrl(Recovery recovery) => $"https://bot.test/recoveries/{recovery.Id}/summary#log";
}
