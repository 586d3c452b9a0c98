using System.ComponentModel.DataAnnotations;

namespace RecoveryBot.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Azure Table Storage connection string.</summary>
    /// <value>Defaults to <c>UseDevelopmentStorage=true</c> (Azurite on its default ports).</value>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Prefix of every table name; a letter followed by letters or digits, at most 53 characters.</summary>
    /// <value>Defaults to <c>rb</c>.</value>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,52})?$",
        ErrorMessage = "Storage__TablePrefix must start with a letter and contain only letters and digits (at most 53).")]
    public string TablePrefix { get; set; } = "rb";

    /// <summary>How often a transient failure (network, 408, 429, 5xx) is retried before giving up.</summary>
    /// <value>Defaults to 4.</value>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; it doubles on every attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Defaults to 200 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of a single retry delay.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one storage request attempt.</summary>
    /// <value>Defaults to 20 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a redelivered Slack event's running claim holds before a retry may run it (its host stopped mid-run).
    /// Slack retries after about a minute, so the default lets that retry take over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Create the tables in the background when the host starts (never blocks startup).</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool EnsureTablesOnStart { get; set; } = true;
}
