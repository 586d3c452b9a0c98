using RecoveryBot.Core.Commands;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Views;

namespace RecoveryBot.Core.App;

/// <summary>
/// One attempt at one turn: the state read so far, and the writes and replies decided. Handlers only talk to this;
/// the service commits it as one transaction or throws it away and tries again.
/// </summary>
public sealed class TurnContext(IRecoveryStore store, Turn turn, Recovery? recovery, DateTimeOffset now, ISummaryLinks links)
{
    private readonly Dictionary<GapId, Gap> _gaps = [];
    private readonly Dictionary<int, ChangeRequest> _changes = [];
    private readonly List<HistoryEvent> _events = [];
    private readonly List<Reply> _replies = [];
    private Recovery? _recoveryWrite;
    private Recovery? _counted;

    public UserRef Actor => turn.Actor;
    public Turn Turn => turn;
    public DateTimeOffset Now => now;
    public ISummaryLinks Links => links;
    public IRecoveryStore Store => store;
    /// <summary>The recovery as this turn leaves it: with its writes, and with its gap counter moved past new gaps.</summary>
    public Recovery? Recovery => _recoveryWrite ?? _counted ?? recovery;
    public Recovery R => Recovery ?? throw new InvalidOperationException("No recovery in this turn.");
    public TimeZoneInfo Zone => Recovery?.Zone ?? TimeZoneInfo.Utc;
    public DateOnly Today => Zone.Today(now);
    public bool Refused => _refusal is not null || StaleGap is not null || StaleChange is not null;
    private string? _refusal;
    public bool HasWrites => _recoveryWrite is not null || _gaps.Count > 0 || _changes.Count > 0 || _events.Count > 0;

    /// <summary>Set for card clicks: the revision the card showed.</summary>
    public int? ExpectedRevision { get; init; }
    public GapId? StaleGap { get; private set; }

    /// <summary>Set by a report: the turn's posts are exactly the new item's announcement (see <see cref="GapHandler.Announcement"/>).</summary>
    public GapId? Announces { get; set; }
    public int? StaleChange { get; private set; }

    public DateOnly Resolve(DateSpec date) => date.Resolve(Today);

    /// <summary>Set when <c>start</c> begins a later recovery in a channel whose recovery is closed.</summary>
    public (RecoveryId Id, int Generation)? NewRecovery { get; init; }

    /// <summary>
    /// The gap as stored (or as this turn left it). A card click on a gap's card must carry the gap's revision;
    /// <paramref name="checkRevision"/> is false where the click was on another row's card (a change request's).
    /// </summary>
    public async Task<Gap?> GapAsync(GapId id, CancellationToken ct, bool checkRevision = true)
    {
        if (_gaps.TryGetValue(id, out var pending)) return pending;
        var gap = await store.GetGapAsync(R.Id, id, ct);
        if (gap is null) Refuse($"There is no {id} in this recovery. `log all` lists every item.");
        else if (checkRevision && ExpectedRevision is { } rev && rev != gap.Revision) { StaleGap = id; return null; }
        return gap;
    }

    public async Task<ChangeRequest?> ChangeAsync(int number, CancellationToken ct)
    {
        if (_changes.TryGetValue(number, out var pending)) return pending;
        var change = await store.GetChangeRequestAsync(R.Id, number, ct);
        if (change is null) Refuse($"There is no CR-{number} in this recovery.");
        else if (ExpectedRevision is { } rev && rev != change.Revision) { StaleChange = number; return null; }
        return change;
    }

    // A row written twice in one turn is bumped once: pending rows already carry the new revision.
    public void Write(Gap gap) =>
        _gaps[gap.Id] = gap with { Revision = _gaps.ContainsKey(gap.Id) ? gap.Revision : gap.Revision + 1, UpdatedAt = now };

    public void Write(ChangeRequest change) =>
        _changes[change.Number] = change with { Revision = _changes.ContainsKey(change.Number) ? change.Revision : change.Revision + 1 };

    public void Write(Recovery updated) =>
        _recoveryWrite = updated with { Revision = _recoveryWrite is null ? updated.Revision + 1 : updated.Revision };

    /// <summary>
    /// A new gap with the next number. The number is claimed by inserting the gap row, so the recovery row is not
    /// written for it; when the turn writes the recovery row anyway, the moved counter goes with it.
    /// </summary>
    public Gap NewGap(Func<GapId, Gap> create)
    {
        var id = new GapId(R.NextGapNumber);
        if (_recoveryWrite is { } written) _recoveryWrite = written with { NextGapNumber = id.Number + 1 };
        else _counted = R with { NextGapNumber = id.Number + 1 };
        var gap = create(id) with { Revision = 0, Version = null };
        _gaps[id] = gap;
        return gap;
    }

    public ChangeRequest NewChange(Func<int, ChangeRequest> create)
    {
        var number = R.NextChangeNumber;
        Write(R with { NextChangeNumber = number + 1 });
        var change = create(number) with { Revision = 0, Version = null };
        _changes[number] = change;
        return change;
    }

    public void Event(GapId? gap, string what, string? from = null, string? to = null, string? note = null) =>
        _events.Add(new HistoryEvent(gap, now, turn.Actor, what, from, to, note));

    public void Say(string line, Audience to = Audience.Actor) => _replies.Add(new Reply.Text(line, to));

    public void Show(CardDoc card, Audience to = Audience.Channel) => _replies.Add(new Reply.Card(card, to));

    public void Add(Reply reply) => _replies.Add(reply);

    /// <summary>Refuses the turn: every write decided so far is dropped and only the reason is said.</summary>
    public void Refuse(string reason)
    {
        _refusal = reason;
        _replies.Clear();
        _replies.Add(new Reply.Text(reason));
    }

    /// <summary>Runs a role or lifecycle check; refuses with its reason when it fails.</summary>
    public bool Check(string? reason)
    {
        if (reason is null) return true;
        Refuse(reason);
        return false;
    }

    public Changeset Changes() => new(R.Id)
    {
        RecoveryRow = _recoveryWrite,
        Gaps = [.. _gaps.Values],
        ChangeRequests = [.. _changes.Values],
        Events = [.. _events],
        DecidedOn = recovery?.Revision ?? 0,
        FencesReports = _recoveryWrite is { } w && recovery is { } before && (w.Phase != before.Phase || w.Frozen != before.Frozen),
        Lessons = _recoveryWrite is { } l ? Changed(recovery?.Lessons, l.Lessons) : [],
        Questions = _recoveryWrite is { } q ? Changed(recovery?.Questions, q.Questions) : [],
    };

    // Lists only grow or change in place, so an item is new or changed where it differs from the one read.
    private static List<Indexed<T>> Changed<T>(IReadOnlyList<T>? before, IReadOnlyList<T> after) where T : class =>
        [.. after.Select((item, i) => new Indexed<T>(i, item))
            .Where(x => before is null || x.Index >= before.Count || !Equals(before[x.Index], x.Item))];

    public TurnResult Result() => _refusal is { } reason
        ? new TurnResult([.. _replies], [], new Outcome.Refused(reason))
        : new TurnResult([.. _replies], [.. _events], new Outcome.Done(HasWrites));
}
