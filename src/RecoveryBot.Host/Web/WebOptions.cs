namespace RecoveryBot.Host.Web;

/// <summary>Configuration section <c>Web</c>: where summary links point and the key that signs them.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Base URL people open summary links at.</summary>
    /// <value>Defaults to <c>http://127.0.0.1:3978</c>.</value>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:3978";

    /// <summary>HMAC key for summary links (base64, at least 32 bytes). Generated and stored in the table when empty.</summary>
    public string? LinkKey { get; set; }

    /// <summary>How long a summary link stays valid.</summary>
    /// <value>Defaults to 30 days.</value>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);
}
