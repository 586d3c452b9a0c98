using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecoveryBot.Host.Tests.Web;

/// <summary>Every request's log lines carry its correlation id, readable as text and as a property; the id goes back in a header.</summary>
public sealed class CorrelationTests : IAsyncLifetime, IDisposable
{
    private readonly ScopeRecorder _logs = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(_logs);
        _app = builder.Build();
        _app.UseCorrelation();
        _app.MapGet("/ping", (ILoggerFactory f) =>
        {
            f.CreateLogger("Test").LogWarning("pong");
            return "pong";
        });
        await _app.StartAsync();
        _http = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task GivenId_EchoedAndInTheScopeAsTextAndProperty()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ping");
        request.Headers.Add(HostServices.CorrelationHeader, "abc-123");

        using var response = await _http.SendAsync(request);

        Assert.Equal("abc-123", Assert.Single(response.Headers.GetValues(HostServices.CorrelationHeader)));
        // Hosting adds its own scopes (request path and id, connection id) around ours.
        var scope = Assert.Single(_logs.ScopesOf("pong"), s => s.ToString() == "CorrelationId:abc-123");
        Assert.Contains(new KeyValuePair<string, object?>("CorrelationId", "abc-123"), (IEnumerable<KeyValuePair<string, object?>>)scope);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("an-id-far-too-long-to-be-kept-0123456789-0123456789-0123456789-0123456789")]
    public async Task NoUsableId_TheRequestsTraceIdentifier(string? given)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ping");
        if (given is not null) request.Headers.TryAddWithoutValidation(HostServices.CorrelationHeader, given);

        using var response = await _http.SendAsync(request);

        var id = Assert.Single(response.Headers.GetValues(HostServices.CorrelationHeader));
        Assert.NotEqual(given ?? "", id);
        Assert.NotEmpty(id);
        Assert.Single(_logs.ScopesOf("pong"), s => s.ToString() == "CorrelationId:" + id);
    }

    /// <summary>Records each message with the scopes around it, as a console or structured sink would see them.</summary>
    private sealed class ScopeRecorder : ILoggerProvider, ISupportExternalScope, ILogger
    {
        private readonly ConcurrentQueue<(string Message, List<object?> Scopes)> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IEnumerable<object> ScopesOf(string message) => _lines.Where(l => l.Message == message).SelectMany(l => l.Scopes).OfType<object>();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<object?>();
            _scopes.ForEachScope((scope, list) => list.Add(scope), scopes);
            _lines.Enqueue((formatter(state, exception), scopes));
        }

        public void Dispose()
        {
        }
    }
}
