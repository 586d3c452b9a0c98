using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Teams.Auth;
using RecoveryBot.Teams.Bot;
using RecoveryBot.Teams.Connector;

namespace RecoveryBot.Teams;

public static class TeamsChannelExtensions
{
    public const string MessagesPath = "/api/messages";

    /// <summary>Bot Framework asks bots to refresh the signing keys at least once a day.</summary>
    private static readonly TimeSpan MaxKeyAge = TimeSpan.FromHours(24);

    /// <summary>Named HttpClient that fetches the Bot Framework OpenID metadata and keys (tests swap its handler).</summary>
    public const string OpenIdHttpClient = "RecoveryBot.Teams.OpenId";

    /// <summary>
    /// The Teams channel: options, token validation, the Connector client and the bot. The host registers
    /// <c>RecoveryService</c> (and its store and links); a <see cref="TimeProvider"/> is added if none is.
    /// </summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsConfiguration>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TeamsOptions>>().Value);

        services.AddHttpClient(OpenIdHttpClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<IConfigurationManager<BotMetadata>>(sp =>
        {
            var options = sp.GetRequiredService<TeamsOptions>();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenIdHttpClient);
            return new ConfigurationManager<BotMetadata>(options.OpenIdMetadataUrl.AbsoluteUri, new BotMetadataRetriever(),
                new HttpDocumentRetriever(http) { RequireHttps = true })
            {
                AutomaticRefreshInterval = options.MetadataRefreshInterval < MaxKeyAge ? options.MetadataRefreshInterval : MaxKeyAge,
                RefreshInterval = options.UnknownKeyRefreshInterval,
            };
        });
        services.TryAddSingleton<SigningKeys>();
        services.TryAddSingleton<BotAuthenticator>();

        services.TryAddSingleton<IConnectorTokens, MsalConnectorTokens>();
        // Retry-After and Teams' per-second limits are real seconds, so waits use the real clock even when the
        // app reads a fake one (as host tests do).
        services.TryAddSingleton(sp => new SendPacer(sp.GetRequiredService<TeamsOptions>(), TimeProvider.System));
        services.AddHttpClient<ConnectorClient>()
            .AddResilienceHandler(ConnectorResilience.Name, builder => ConnectorResilience.Configure(builder, TimeProvider.System));

        services.TryAddSingleton<Welcome>();
        services.TryAddSingleton(sp => new DirectChats(sp.GetRequiredService<ILogger<DirectChats>>(), sp.GetService<IDirectAddresses>(), sp.GetService<PersonZones>()));
        services.TryAddTransient<ReplySender>();
        services.TryAddTransient<TeamsBot>();
        services.TryAddSingleton<RefusalTally>(sp => new RefusalTally(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<TeamsEndpoint>();
        services.TryAddTransient(sp => new TeamsPoster(sp.GetRequiredService<ReplySender>()));
        // The scheduler's way into Teams: it posts through every registered IChannelPoster.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelPoster, TeamsChannelPoster>());
        return services;
    }

    /// <summary>Maps <c>POST /api/messages</c> (other methods get 405).</summary>
    public static IEndpointConventionBuilder MapTeamsChannel(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<TeamsOptions>();
        var log = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("RecoveryBot.Teams");
        if (options.Authentication == TeamsAuthentication.None)
            log.LogWarning("Teams__Authentication=None: Teams activities are accepted without a token. Use this only with a local emulator.");
        else if (!options.HasCredentials)
            log.LogWarning("Teams__AppId is empty, so every Teams request is refused (401). For the local Agents Playground set Teams__Authentication=None.");
        return endpoints.MapPost(MessagesPath, static (HttpContext http) => http.RequestServices.GetRequiredService<TeamsEndpoint>().HandleAsync(http));
    }
}
