using RecoveryBot.Core.App;

namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// In-memory <see cref="IDeliveryClaims"/> for a single host (tests, local runs): bounded, oldest forgotten first.
/// The host composes the durable Table Storage claims instead, so a retry that lands on another host is recognised.
/// </summary>
internal sealed class EventDeduper(TimeProvider time) : IDeliveryClaims
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new();

    public Task<bool> TryClaimAsync(string scope, string id, CancellationToken ct)
    {
        var key = scope + "/" + id;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_order.TryPeek(out var oldest) && (_order.Count >= Capacity || now - oldest.At > IDeliveryClaims.Keep))
            {
                _order.Dequeue();
                if (_seen.TryGetValue(oldest.Id, out var at) && at == oldest.At) _seen.Remove(oldest.Id);
            }
            if (_seen.ContainsKey(key)) return Task.FromResult(false);
            _seen[key] = now;
            _order.Enqueue((key, now));
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(string scope, string id, CancellationToken ct) => Task.CompletedTask;

    public Task ReleaseAsync(string scope, string id, CancellationToken ct)
    {
        lock (_gate) _seen.Remove(scope + "/" + id);
        return Task.CompletedTask;
    }

    public int Count
    {
        get { lock (_gate) return _seen.Count; }
    }
}
