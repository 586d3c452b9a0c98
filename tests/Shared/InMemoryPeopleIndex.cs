using System.Collections.Concurrent;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;

namespace RecoveryBot.Testing;

/// <summary>The people index in memory, with the real one's contract: entries are only added, each once.</summary>
public sealed class InMemoryPeopleIndex : IPeopleIndex
{
    private readonly ConcurrentDictionary<PersonKey, ConcurrentDictionary<RecoveryId, byte>> _entries = new();

    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public Task<IReadOnlyList<RecoveryId>> RecoveriesOfAsync(PersonKey person, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RecoveryId>>(_entries.TryGetValue(person, out var ids) ? [.. ids.Keys.OrderBy(i => i.Value, StringComparer.Ordinal)] : []);

    public Task AddAsync(PersonKey person, RecoveryId recovery, CancellationToken ct)
    {
        Interlocked.Increment(ref _writes);
        _entries.GetOrAdd(person, _ => new()).TryAdd(recovery, 0);
        return Task.CompletedTask;
    }
}
