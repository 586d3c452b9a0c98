using System.Text.Json;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Teams.Cards;

/// <summary>
/// Every Core <see cref="CardView"/> (and form) as an Adaptive Card that fits one Teams message: Teams refuses
/// messages over 100 KB, so a card is kept under <see cref="MaxCardBytes"/> and the whole activity under 80 KB.
/// </summary>
internal static class CardRenderer
{
    public const int MaxCardBytes = 76 * 1024;

    public static AdaptiveCard Render(CardView view) => Fit(view switch
    {
        GapCard c => GapCards.Gap(c),
        GapDetailCard c => GapCards.Detail(c),
        RetestCard c => GapCards.Retest(c),
        LogCard c => LogCards.Log(c),
        OwnershipCard c => RecoveryCards.Ownership(c),
        ApprovalCard c => RecoveryCards.Approval(c),
        GoNoGoCard c => RecoveryCards.GoNoGo(c),
        CheckinCard c => RecoveryCards.Checkin(c),
        _ => Blocks.Card([Blocks.Text("This card cannot be shown in Teams yet.")]),
    });

    public static AdaptiveCard Form(FormKind kind) => FormCards.For(kind);

    public static int Size(AdaptiveCard card) => JsonSerializer.SerializeToUtf8Bytes(card, TeamsJson.Wire.AdaptiveCard).Length;

    /// <summary>
    /// Keeps the longest prefix of the body that fits, and says the rest was cut; Core's own limits make this rare.
    /// Each element is measured once, so even a card of megabytes is fitted in linear time.
    /// </summary>
    internal static AdaptiveCard Fit(AdaptiveCard card)
    {
        if (Size(card) <= MaxCardBytes) return card;
        var note = Blocks.Subtle("… cut to fit one Teams message; the rest is in the log and the summary.");
        var budget = MaxCardBytes - Size(card with { Body = [note] });
        var kept = new List<CardElement>();
        foreach (var element in card.Body)
        {
            budget -= JsonSerializer.SerializeToUtf8Bytes(element, TeamsJson.Wire.CardElement).Length + 1;
            if (budget < 0) break;
            kept.Add(element);
        }
        var cut = card with { Body = [.. kept, note] };
        return Size(cut) <= MaxCardBytes ? cut : Blocks.Card([note]);
    }
}
