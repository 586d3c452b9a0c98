using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Slack.Api;
using Microsoft.AspNetCore.DataProtection;
using RecoveryBot.Slack.Endpoints;
using RecoveryBot.Slack.Install;
using RecoveryBot.Slack.SocketMode;
using RecoveryBot.Slack.Outbound;
using RecoveryBot.Slack.Turns;

namespace RecoveryBot.Slack;

/// <summary>
/// The Slack channel. The host registers <see cref="RecoveryBot.Core.App.RecoveryService"/> (with its store and
/// ISummaryLinks) and a TimeProvider; this adds everything Slack-specific.
/// </summary>
public static class SlackChannelExtensions
{
    /// <summary>A 429 whose Retry-After is at most this long is retried inside the HTTP call; longer ones go back to the queue.</summary>
    public static readonly TimeSpan MaxInlineRetryAfter = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section)).ValidateOnStart()
            .PostConfigure(o =>
            {
                // Derived from the public base URL only when that is a URL at all (a bad one is reported once, as itself).
                var publicBase = configuration["Web:PublicBaseUrl"] is { Length: > 0 } b ? b : "http://127.0.0.1:3978";
                if (string.IsNullOrEmpty(o.RedirectUrl) && Core.Settings.SettingRules.IsHttpUrl(publicBase))
                    o.RedirectUrl = publicBase.TrimEnd('/') + "/slack/oauth_redirect";
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SlackApiClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15))
            .AddResilienceHandler("slack-retry", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromSeconds(1),
                UseJitter = false,
                ShouldRetryAfterHeader = true,
                // Only a 429 is known not to have been carried out; anything else could post twice.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } r
                    && (r.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1)) <= MaxInlineRetryAfter),
            }));
        services.AddSingleton<Install.SlackTokens>();
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<OutboundQueue>();
        services.AddSingleton<OutboundSender>();
        services.AddHostedService<OutboundWorker>();
        services.TryAddSingleton<OutboundHost>();
        services.AddHostedService<PostHandoverWorker>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackTurns>();
        services.AddSingleton<HomeTab>();
        services.TryAddSingleton<RefusalTally>(sp => new RefusalTally(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SlackGate>();
        // One host alone remembers event ids in memory; the host composes the durable claims (AddTableStorage) first.
        services.TryAddSingleton<RecoveryBot.Core.App.IDeliveryClaims>(sp => new EventDeduper(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SubmissionHandler>();
        services.AddSingleton<AckBudget>();
        services.AddSingleton<CommandEndpoint>();
        services.AddSingleton<EventsEndpoint>();
        services.AddSingleton<InteractivityEndpoint>();
        services.AddSingleton(sp => new SlackPoster(sp.GetRequiredService<SlackApiClient>()));
        // OAuth installs (the state is protected with the host's Data Protection key ring) and Socket Mode.
        services.AddDataProtection();
        services.AddSingleton<OAuthStates>();
        services.AddSingleton<SlackOAuthApi>();
        services.AddSingleton<InstallEndpoints>();
        services.AddSingleton<SocketDispatcher>();
        services.AddSingleton<SocketConnection>();
        services.AddHostedService<SocketModeWorker>();
        // The scheduler's way into Slack: it posts through every registered IChannelPoster.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelPoster, SlackChannelPoster>());
        return services;
    }

    /// <summary>POST /slack/commands, /slack/events and /slack/interactivity (404 while no signing secret is set).</summary>
    public static IEndpointRouteBuilder MapSlackChannel(this IEndpointRouteBuilder app)
    {
        app.MapPost("/slack/commands", Run<CommandEndpoint>(app.ServiceProvider, static (e, http) => e.HandleAsync(http)));
        app.MapPost("/slack/events", Run<EventsEndpoint>(app.ServiceProvider, static (e, http) => e.HandleAsync(http)));
        app.MapPost("/slack/interactivity", Run<InteractivityEndpoint>(app.ServiceProvider, static (e, http) => e.HandleAsync(http)));
        app.MapGet("/slack/install", Run<InstallEndpoints>(app.ServiceProvider, static (e, http) => e.InstallAsync(http)));
        app.MapGet("/slack/oauth_redirect", Run<InstallEndpoints>(app.ServiceProvider, static (e, http) => e.RedirectAsync(http)));
        return app;
    }

    /// <summary>
    /// The endpoints are singletons: taken from the root provider on first use, so a request never touches
    /// <c>HttpContext.RequestServices</c>, which would create (and dispose) a DI scope for every request.
    /// </summary>
    internal static RequestDelegate Run<T>(IServiceProvider services, Func<T, HttpContext, Task> handle) where T : class
    {
        T? endpoint = null;
        ILogger? log = null;
        return async http =>
        {
            try
            {
                await handle(endpoint ??= services.GetRequiredService<T>(), http);
            }
            catch (Exception e) when (ClientSide(e, http))
            {
                // A client that hangs up mid-request (Slack gives up after 3 s, a load tool stops) or sends a broken
                // body is not our failure: one line at Debug, no stack, and the error log stays meaningful.
                (log ??= services.GetRequiredService<ILogger<T>>()).LogDebug("Slack request to {Path} ended on the client side: {Reason}",
                    http.Request.Path, e.Message);
                if (e is BadHttpRequestException bad)
                {
                    if (!http.Response.HasStarted) http.Response.StatusCode = bad.StatusCode;
                }
                else
                {
                    // The connection is gone: say so, or Kestrel tries to drain the body of a reset connection and logs
                    // an error about the reader's state (dotnet/aspnetcore#17840).
                    http.Abort();
                }
            }
            catch (Exception e)
            {
                // A bug must not take the host down or leak details; Slack shows its own error, and retries events.
                (log ??= services.GetRequiredService<ILogger<T>>()).LogError(e, "Slack request to {Path} failed", http.Request.Path);
                if (!http.Response.HasStarted) await SlackGate.Fail(http, StatusCodes.Status500InternalServerError, "Something went wrong on our side; please try again.");
            }
        };
    }

    /// <summary>
    /// Kestrel's <see cref="BadHttpRequestException"/> (body cut short, too large, too slow) and a reset connection are
    /// the client's doing; so is a cancellation or I/O error once the request was aborted. Anything else is ours.
    /// </summary>
    internal static bool ClientSide(Exception e, HttpContext http) =>
        e is BadHttpRequestException or ConnectionResetException
        || ((e is OperationCanceledException or IOException) && http.RequestAborted.IsCancellationRequested);
}
