using Xunit.Abstractions;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>
/// A test against its own host process (fresh tables, fresh fake Slack API). <see cref="Scenario"/> runs the test body
/// and, when it fails, writes the host's stdout/stderr and every Web API call into the test output.
/// </summary>
[Collection(EndToEndCollection.Name)]
public abstract class EndToEndTest(AzuriteForHosts azurite, ITestOutputHelper output) : IAsyncLifetime
{
    protected static readonly Person Lena = new("U0LENA", "lena", "Lena Ortiz");
    protected static readonly Person Dana = new("U0DANA", "dana", "Dana Ruiz");
    protected static readonly Person Ana = new("U0ANA", "ana", "Ana Silva");
    protected static readonly Person Ravi = new("U0RAVI", "ravi", "Ravi Patel");
    protected static readonly Person Mo = new("U0MO", "mo", "Mo Okafor");

    protected SlackWorkspace Slack { get; private set; } = null!;

    protected ITestOutputHelper Output => output;

    protected AzuriteForHosts Azurite => azurite;

    protected virtual IReadOnlyDictionary<string, string>? HostSettings => null;

    public async Task InitializeAsync() => Slack = await SlackWorkspace.StartAsync(azurite, [Lena, Dana, Ana, Ravi, Mo], HostSettings);

    public async Task DisposeAsync()
    {
        if (Slack is not null) await Slack.DisposeAsync();
    }

    /// <summary>Polls a condition (on stored state, usually) until it holds; fails after <paramref name="seconds"/>.</summary>
    protected static async Task Eventually(string what, Func<Task<bool>> done, int seconds = 15)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds)) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    protected async Task Scenario(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            Slack.Dump(output);
            throw;
        }
    }
}
