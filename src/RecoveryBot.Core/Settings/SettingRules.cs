using System.ComponentModel.DataAnnotations;

namespace RecoveryBot.Core.Settings;

/// <summary>
/// Shared pieces of every configuration section's validator: each mistake is one line that names the setting as an
/// environment variable (<c>Storage__MaxRetries</c>), and a section's data annotations are said the same way.
/// </summary>
public static class SettingRules
{
    /// <summary>The environment-variable name of a setting: <c>Storage</c> + <c>MaxRetries</c> → <c>Storage__MaxRetries</c>.</summary>
    public static string Name(string section, string member) => section + "__" + member;

    /// <summary>The data annotations of <paramref name="options"/> (and its <see cref="IValidatableObject"/> rules), one line each.</summary>
    public static IEnumerable<string> Annotations(object options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? "";
            var text = result.ErrorMessage ?? "is not valid.";
            // "The field MaxRetries must be between 0 and 20." → "Storage__MaxRetries must be between 0 and 20."
            var field = $"The field {member} ";
            var required = $"The {member} field is required.";
            yield return text.StartsWith(field, StringComparison.Ordinal) ? Name(section, member) + " " + text[field.Length..]
                : text == required ? Name(section, member) + " is required."
                : text;
        }
    }

    /// <summary>An absolute http or https URL.</summary>
    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Loopback by name or address (localhost, 127.0.0.0/8, ::1), or the unspecified address.</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip)
            && (System.Net.IPAddress.IsLoopback(ip) || ip.Equals(System.Net.IPAddress.Any) || ip.Equals(System.Net.IPAddress.IPv6Any));
    }
}
