namespace RecoveryBot.Teams.Connector;

/// <summary>
/// Spaces sends to one conversation (Teams allows about 7 per second per thread) so a turn with several
/// replies, or several turns at once, do not burst into 429s. Sends to different conversations never wait on each other.
/// </summary>
internal sealed class SendPacer(TeamsOptions options, TimeProvider time)
{
    private const int PruneAbove = 1024;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);

    public Task WaitTurnAsync(string conversationId, CancellationToken ct)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_next.Count > PruneAbove)
            {
                foreach (var stale in _next.Where(p => p.Value <= now).Select(p => p.Key).ToList()) _next.Remove(stale);
            }
            var slot = _next.TryGetValue(conversationId, out var next) && next > now ? next : now;
            _next[conversationId] = slot + options.SendInterval;
            wait = slot - now;
        }
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }
}
