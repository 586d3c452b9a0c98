using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RecoveryBot.Slack.Api;
using RecoveryBot.Slack.Wire;

namespace RecoveryBot.Slack.Install;

/// <summary>
/// oauth.v2.access: trades the code Slack gave the redirect for the workspace's bot token. Authenticated with the
/// client id and secret (form fields, as Slack documents); the one call that carries no bot token.
/// </summary>
internal sealed class SlackOAuthApi(IHttpClientFactory factory, IOptions<SlackOptions> options)
{
    public const string Access = "oauth.v2.access";

    public async Task<OAuthAccess> ExchangeAsync(string code, string redirectUrl, CancellationToken ct)
    {
        var o = options.Value;
        var url = o.ApiBaseUrl.AbsoluteUri;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(url.EndsWith('/') ? url : url + "/"), Access))
        {
            Content = new FormUrlEncodedContent([new("client_id", o.ClientId), new("client_secret", o.ClientSecret), new("code", code), new("redirect_uri", redirectUrl)]),
        };
        HttpResponseMessage response;
        try
        {
            response = await factory.CreateClient(SlackApiClient.HttpClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new SlackApiException(Access, "network_error", inner: e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SlackApiException(Access, "timeout", inner: e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw new SlackApiException(Access, $"http_{(int)response.StatusCode}");
            OAuthAccess? result;
            try
            {
                result = await response.Content.ReadFromJsonAsync(SlackJson.Default.OAuthAccess, ct);
            }
            catch (JsonException e)
            {
                throw new SlackApiException(Access, "invalid_response", inner: e);
            }
            if (result is null) throw new SlackApiException(Access, "invalid_response");
            if (!result.Ok) throw new SlackApiException(Access, result.Error ?? "unknown_error");
            if (result.AccessToken is not { Length: > 0 } || (result.Team?.Id ?? result.Enterprise?.Id) is not { Length: > 0 })
                throw new SlackApiException(Access, "invalid_response");
            return result;
        }
    }
}
