using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using RecoveryBot.Slack.BlockKit;
using RecoveryBot.Slack.Install;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Api;

/// <summary>
/// The Slack Web API methods RecoveryBot calls. Every method name is a constant here and a key of
/// manifest/slack/scopes.json (a test keeps the two in step). Clients come from IHttpClientFactory per call,
/// so this singleton never pins one handler (and its DNS answer) for the life of the process. Every call names the
/// workspace (team id) it is for and carries that workspace's token; one without an installation fails with
/// <see cref="SlackApiException.NotInstalled"/> before anything is sent.
/// </summary>
internal sealed class SlackApiClient(IHttpClientFactory factory, IOptions<SlackOptions> options, SlackTokens tokens)
{
    public const string HttpClientName = "slack";
    public const string PostMessage = "chat.postMessage";
    public const string Update = "chat.update";
    public const string PostEphemeral = "chat.postEphemeral";
    public const string ViewsOpen = "views.open";
    public const string ViewsPublish = "views.publish";
    public const string ConversationsOpen = "conversations.open";
    public const string UsersInfo = "users.info";
    public const string GetPermalink = "chat.getPermalink";

    public static readonly IReadOnlyList<string> Methods = [PostMessage, Update, PostEphemeral, ViewsOpen, ViewsPublish, ConversationsOpen, UsersInfo, GetPermalink];

    /// <summary>Posts to a channel; returns the message ts.</summary>
    public async Task<string> PostMessageAsync(string team, string channel, SlackMessage message, CancellationToken ct) =>
        (await CallAsync(team, PostMessage, Json(new ChatRequest(channel, message.Text, message.Blocks), SlackJson.Default.ChatRequest), SlackJson.Default.ChatResult, ct)).Ts ?? "";

    public Task UpdateAsync(string team, string channel, string ts, SlackMessage message, CancellationToken ct) =>
        CallAsync(team, Update, Json(new ChatRequest(channel, message.Text, message.Blocks, Ts: ts), SlackJson.Default.ChatRequest), SlackJson.Default.ChatResult, ct);

    public Task PostEphemeralAsync(string team, string channel, string user, SlackMessage message, CancellationToken ct) =>
        CallAsync(team, PostEphemeral, Json(new ChatRequest(channel, message.Text, message.Blocks, User: user), SlackJson.Default.ChatRequest), SlackJson.Default.ChatResult, ct);

    public Task OpenViewAsync(string team, string triggerId, ModalView view, CancellationToken ct) =>
        CallAsync(team, ViewsOpen, Json(new ViewsOpenRequest(triggerId, view), SlackJson.Default.ViewsOpenRequest), SlackJson.Default.ApiResult, ct);

    /// <summary>Publishes (replaces) a person's App Home tab.</summary>
    public Task PublishHomeAsync(string team, string user, HomeView view, CancellationToken ct) =>
        CallAsync(team, ViewsPublish, Json(new ViewsPublishRequest(user, view), SlackJson.Default.ViewsPublishRequest), SlackJson.Default.ApiResult, ct);

    /// <summary>Opens (or finds) the direct message with a user; returns its channel id.</summary>
    public async Task<string> OpenConversationAsync(string team, string user, CancellationToken ct) =>
        (await CallAsync(team, ConversationsOpen, Json(new ConversationsOpenRequest(user), SlackJson.Default.ConversationsOpenRequest), SlackJson.Default.ConversationResult, ct)).Channel?.Id
        ?? throw new SlackApiException(ConversationsOpen, "invalid_response");

    public async Task<SlackUser> GetUserAsync(string team, string user, CancellationToken ct) =>
        (await CallAsync(team, UsersInfo, Form(("user", user)), SlackJson.Default.UserResult, ct)).User
        ?? throw new SlackApiException(UsersInfo, "invalid_response");

    public async Task<string> GetPermalinkAsync(string team, string channel, string ts, CancellationToken ct) =>
        (await CallAsync(team, GetPermalink, Form(("channel", channel), ("message_ts", ts)), SlackJson.Default.PermalinkResult, ct)).Permalink
        ?? throw new SlackApiException(GetPermalink, "invalid_response");

    /// <summary>Answers through an interaction's response_url (no token: the URL is the credential).</summary>
    public async Task RespondAsync(Uri responseUrl, CommandResponse response, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(response, SlackJson.Default.CommandResponse) };
        using var answer = await SendAsync("response_url", request, ct);
        if (!answer.IsSuccessStatusCode) throw Failure("response_url", answer);
    }

    private async Task<T> CallAsync<T>(string team, string method, HttpContent content, JsonTypeInfo<T> info, CancellationToken ct) where T : ApiResult
    {
        using var owned = content;
        if (await tokens.ForTeamAsync(team, ct) is not { Length: > 0 } token) throw new SlackApiException(method, options.Value.OAuthEnabled ? SlackApiException.NotInstalled : "not_configured");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base(), method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await SendAsync(method, request, ct);
        if (!response.IsSuccessStatusCode) throw Failure(method, response);
        T? result;
        try
        {
            result = await response.Content.ReadFromJsonAsync(info, ct);
        }
        catch (JsonException e)
        {
            throw new SlackApiException(method, "invalid_response", inner: e);
        }
        if (result is null) throw new SlackApiException(method, "invalid_response");
        if (!result.Ok) throw new SlackApiException(method, result.Error ?? "unknown_error");
        return result;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await factory.CreateClient(HttpClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new SlackApiException(method, "network_error", inner: e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SlackApiException(method, "timeout", inner: e);
        }
    }

    private static SlackApiException Failure(string method, HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
            ? new SlackApiException(method, "ratelimited", RetryAfter(response))
            : new SlackApiException(method, $"http_{(int)response.StatusCode}");

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? delta : null;

    private Uri Base()
    {
        var url = options.Value.ApiBaseUrl.AbsoluteUri;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    private static JsonContent Json<T>(T value, JsonTypeInfo<T> info) => JsonContent.Create(value, info);

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
