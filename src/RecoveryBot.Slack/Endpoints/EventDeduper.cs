namespace RecoveryBot.Slack.Endpoints;

/// <summary>
/// Remembers recently seen Events API <c>event_id</c>s so Slack's retries are acknowledged without running twice.
/// Bounded (oldest forgotten first) and in memory, so it is per host: with several hosts behind a load balancer a
/// retry that lands on another host is processed again. Slack retries only unacknowledged events, and we ack fast.
/// </summary>
internal sealed class EventDeduper(TimeProvider time)
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _order = new();

    /// <summary>True the first time an id is seen (the caller processes it); false for a repeat.</summary>
    public bool TryBegin(string eventId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            while (_order.TryPeek(out var oldest) && (_order.Count >= Capacity || now - oldest.At > Keep))
            {
                _order.Dequeue();
                if (_seen.TryGetValue(oldest.Id, out var at) && at == oldest.At) _seen.Remove(oldest.Id);
            }
            if (_seen.ContainsKey(eventId)) return false;
            _seen[eventId] = now;
            _order.Enqueue((eventId, now));
            return true;
        }
    }

    /// <summary>Processing failed: let a retry run it.</summary>
    public void Forget(string eventId)
    {
        lock (_gate) _seen.Remove(eventId);
    }

    public int Count
    {
        get { lock (_gate) return _seen.Count; }
    }
}
