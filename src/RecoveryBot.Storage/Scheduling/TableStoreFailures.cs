using RecoveryBot.Core.Schedule;

namespace RecoveryBot.Storage.Scheduling;

/// <summary>Table Storage's failures as the scheduler tells them apart (see <see cref="StorageFailures"/>).</summary>
public sealed class TableStoreFailures : IStoreFailures
{
    public StoreFailure Classify(Exception error, CancellationToken ct) =>
        StorageFailures.IsTransient(error, ct) ? StoreFailure.Unavailable
        : StorageFailures.IsStorageFailure(error, ct) ? StoreFailure.Refused
        : StoreFailure.None;

    public string Describe(Exception error) => StorageFailures.Describe(error);
}
