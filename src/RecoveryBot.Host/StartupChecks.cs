using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.Settings;

namespace RecoveryBot.Host;

/// <summary>
/// Configuration mistakes an operator makes, found before the host starts. Every section (Storage, Scheduler, Teams,
/// Slack, Web) has its <see cref="IValidateOptions{TOptions}"/> registered with ValidateOnStart; this runs them all at
/// once and turns the failures into one line each, naming the setting as an environment variable. The host prints
/// them and exits with code 2.
/// </summary>
public static partial class StartupChecks
{
    public const int ExitCode = 2;

    public static IReadOnlyList<string> Find(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception ex) when (Lines(ex) is { Count: > 0 } lines)
        {
            return lines;
        }
    }

    /// <summary>Prints each problem as "Configuration error: …" on <paramref name="error"/>; true when there was any.</summary>
    public static bool Report(IServiceProvider services, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problems = Find(services);
        foreach (var problem in problems) error.WriteLine("Configuration error: " + problem);
        return problems.Count > 0;
    }

    internal static IReadOnlyList<string> Lines(Exception ex) => ex switch
    {
        OptionsValidationException invalid => invalid.Failures.Distinct().ToList(),
        AggregateException many => many.InnerExceptions.SelectMany(Lines).ToList(),
        // The binder's own failure ("Failed to convert configuration value at 'Scheduler:PollInterval' to type
        // 'System.TimeSpan'.") names no value; it is said the same way as the validators' lines.
        InvalidOperationException when BindFailure().Match(ex.Message) is { Success: true } m =>
            [$"{SettingRules.Name(m.Groups["section"].Value, m.Groups["member"].Value.Replace(":", "__", StringComparison.Ordinal))} is not a valid {Friendly(m.Groups["type"].Value)}."],
        _ => [],
    };

    private static string Friendly(string type) => type switch
    {
        "System.TimeSpan" => "duration (e.g. 00:00:30)",
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "true or false",
        "System.Uri" => "URL",
        _ => type[(type.LastIndexOf('.') + 1)..],
    };

    [GeneratedRegex("^Failed to convert configuration value (?:'[^']*' )?at '(?<section>[^':]+):(?<member>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BindFailure();
}
