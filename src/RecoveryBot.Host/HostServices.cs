using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RecoveryBot.Core.App;
using RecoveryBot.Host.Web;

namespace RecoveryBot.Host;

internal static class HostServices
{
    public static IServiceCollection AddRecoveryBotCore(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<WebOptions>().Bind(config.GetSection(WebOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebOptions>, WebOptionsValidator>());
        services.AddSingleton<LinkKeys>();
        services.AddSingleton<SummaryLinks>();
        services.AddSingleton<ISummaryLinks>(sp => sp.GetRequiredService<SummaryLinks>());
        services.AddSingleton<RecoveryService>();
        services.AddSingleton<Summary.SummaryLoader>();
        services.AddHostedService<LinkKeyWarmup>();
        return services;
    }

    public const string CorrelationHeader = "X-Correlation-Id";

    // A precompiled scope: one small state per request, which console logs print as "CorrelationId:<id>" and
    // structured sinks read as the CorrelationId property. (A Dictionary state cost more and printed as its type name.)
    private static readonly Func<ILogger, string, IDisposable?> CorrelationScope = LoggerMessage.DefineScope<string>("CorrelationId:{CorrelationId}");

    /// <summary>Every request gets a correlation id in its log scope (and back in a response header); bodies are never logged.</summary>
    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app)
    {
        // One logger for the process: resolving it per request went through RequestServices (a DI scope per request)
        // and LoggerFactory.CreateLogger's lock.
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("RecoveryBot.Requests");
        return app.Use(async (context, next) =>
        {
            var given = context.Request.Headers[CorrelationHeader];
            var id = given.Count > 0 && given[0] is { Length: > 0 and <= 64 } first ? first : context.TraceIdentifier;
            context.Response.Headers[CorrelationHeader] = id;
            using (CorrelationScope(log, id))
            {
                await next(context);
            }
        });
    }
}

/// <summary>Loads (or creates) the summary link key once storage answers, retrying quietly until it does.</summary>
internal sealed class LinkKeyWarmup(LinkKeys keys, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && await keys.GetAsync(stoppingToken) is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
        }
    }
}
