using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.Tests.Fakes;

/// <summary>A channel with a cast of people, driven by typed commands the way users write them.</summary>
public sealed class Scenario
{
    public static readonly UserRef Lena = new("U-LENA", "Lena Ortiz");   // lead
    public static readonly UserRef Dana = new("U-DANA", "Dana Ruiz");    // approver
    public static readonly UserRef Ana = new("U-ANA", "Ana Silva");      // owner
    public static readonly UserRef Ravi = new("U-RAVI", "Ravi Mehta");   // retester
    public static readonly UserRef Max = new("U-MAX", "Max Weber");      // member

    public InMemoryRecoveryStore Store { get; } = new();
    // Monday 30 Nov 2026, 09:00 in Berlin.
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    public ChannelKey Channel { get; } = new("slack", "T-ACME", "C-RECOVERY");
    public InMemoryPeopleIndex People { get; } = new();
    public RecoveryService Service { get; }

    /// <summary>A person's one-to-one conversation with the bot.</summary>
    public static ChannelKey DirectWith(UserRef who) => new("slack", "T-ACME", "D-" + who.Id);

    public Scenario() => Service = new RecoveryService(Store, Time, new FixedLinks(), people: People);

    public RecoveryId Id => Channel.RecoveryId;

    public static string Mention(UserRef u) => $"<@{u.Id}|{u.Name}>";

    public Task<TurnResult> Say(UserRef who, string text) => SayIn(Channel, who, text);

    public async Task<TurnResult> SayIn(ChannelKey channel, UserRef who, string text)
    {
        var parsed = CommandParser.Parse(text);
        if (parsed is ParseResult.Error e) throw new InvalidOperationException($"'{text}' did not parse: {e.Line}");
        return await Service.HandleAsync(new Turn(channel, who), ((ParseResult.Ok)parsed).Command, CancellationToken.None);
    }

    /// <summary>The person writes to the bot in their direct message.</summary>
    public async Task<TurnResult> SayDirect(UserRef who, string text)
    {
        var parsed = CommandParser.Parse(text);
        if (parsed is ParseResult.Error e) throw new InvalidOperationException($"'{text}' did not parse: {e.Line}");
        return await Service.HandleAsync(new Turn(DirectWith(who), who) { Direct = true, Text = text }, ((ParseResult.Ok)parsed).Command, CancellationToken.None);
    }

    public Task<TurnResult> ClickDirect(UserRef who, CardAction action) =>
        Service.HandleActionAsync(new Turn(DirectWith(who), who) { Direct = true }, action, CancellationToken.None);

    public Task<TurnResult> Click(UserRef who, string verb, GapId? gap, int? change, int? revision, string? note = null) =>
        Service.HandleActionAsync(new Turn(Channel, who),
            new CardAction(verb, gap, change, revision, note is null ? new Dictionary<string, string>() : new() { [FormFields.Note] = note }),
            CancellationToken.None);

    public async Task<Gap> Gap(int n) => (await Store.GetGapAsync(Id, new GapId(n), CancellationToken.None))!;

    public async Task<Recovery> Recovery() => (await Store.GetRecoveryAsync(Id, CancellationToken.None))!;

    public async Task<ChangeRequest> Change(int n) => (await Store.GetChangeRequestAsync(Id, n, CancellationToken.None))!;

    /// <summary>Started by Lena, Dana approves, G-1 reported by Max.</summary>
    public static async Task<Scenario> WithGapAsync()
    {
        var s = new Scenario();
        await s.Say(Lena, "start Quotes rollout tz Europe/Berlin");
        await s.Say(Lena, $"approver {Mention(Dana)}");
        await s.Say(Max, "gap Sales reps cannot send quotes from mobile");
        return s;
    }

    /// <summary>G-1 assigned to Ana, in progress.</summary>
    public static async Task<Scenario> InProgressAsync()
    {
        var s = await WithGapAsync();
        await s.Say(Lena, $"assign G-1 {Mention(Ana)} 2026-12-04");
        await s.Say(Ana, "begin G-1");
        return s;
    }

    /// <summary>G-1 fix ready, Ravi retests.</summary>
    public static async Task<Scenario> FixReadyAsync()
    {
        var s = await InProgressAsync();
        await s.Say(Ana, $"ready G-1 retest {Mention(Ravi)} 2026-12-03");
        return s;
    }
}
