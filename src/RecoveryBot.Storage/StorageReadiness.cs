namespace RecoveryBot.Storage;

/// <summary>Result of <see cref="TableStorage.CheckAsync"/>: ready, or why not.</summary>
public sealed record StorageReadiness(bool IsReady, string Reason)
{
    public static StorageReadiness Ready { get; } = new(true, "ok");

    public static StorageReadiness NotReady(string reason) => new(false, reason);
}
