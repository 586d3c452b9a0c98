using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecoveryBot.Core.App;
using RecoveryBot.Core.Model;
using RecoveryBot.Core.Schedule;
using RecoveryBot.Core.Views;
using RecoveryBot.Host.Scheduling;
using RecoveryBot.Storage;
using RecoveryBot.Storage.Scheduling;

namespace RecoveryBot.Host.Tests.Scheduling;

/// <summary><c>due --at … [--dry-run]</c> against real tables: what it prints, what it posts, and what it leaves alone.</summary>
public sealed class DueCommandTests(DueAzurite azurite) : IClassFixture<DueAzurite>, IAsyncLifetime, IDisposable
{
    private const string NudgeAt = "2026-12-02T09:30:00+01:00"; // Wed 09:30 Berlin: G-1's overdue nudge
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly UserRef Lena = new("U-LENA", "Lena Ortiz");

    private readonly string prefix = DueAzurite.UniquePrefix();
    private readonly RecordingPoster poster = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private TableStorage storage = null!;

    public async Task InitializeAsync()
    {
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = prefix };
        storage = new TableStorage(TableStorage.CreateServiceClient(options), Options.Create(options));
        await storage.EnsureTablesAsync(Ct);
        var channel = new ChannelKey("slack", "T-ACME", "C-due");
        var recovery = new Recovery
        {
            Id = channel.RecoveryId, Channel = channel, Name = "Quotes rollout", TimeZone = "Europe/Berlin", Lead = Lena,
            Phase = RecoveryPhase.Recovery, StartedAt = Start, OwnershipPostedAt = Start, PlanProposedAt = Start, NextGapNumber = 2,
        };
        var g1 = new Gap
        {
            Id = new GapId(1), Title = "Quotes fail on mobile", Status = GapStatus.InProgress, Owner = new UserRef("U-ANA", "Ana Silva"),
            Due = new DateOnly(2026, 12, 1), Reporter = Lena, CreatedAt = Start, UpdatedAt = Start,
        };
        Assert.IsType<CommitResult.Committed>(await new TableRecoveryStore(storage).CommitAsync(new Changeset(recovery.Id) { RecoveryRow = recovery, Gaps = [g1] }, Ct));
        await new TableScheduleIndex(storage, new FakeTimeProvider(Start), NullLogger<TableScheduleIndex>.Instance).WakeAsync(recovery.Id, Ct);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in storage.Names.All) await storage.Service.DeleteTableAsync(name);
    }

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
    }

    private Task<int> Due(params string[] args) => Due(azurite.Settings(prefix), args);

    // A local run (Development): Production also wants an https base URL and a set link key.
    private Task<int> Due(IConfiguration settings, params string[] args) =>
        DueCommand.RunAsync(args, new ConfigurationBuilder().AddConfiguration(settings)
            .AddInMemoryCollection([new("environment", "Development")]).Build(), services => services.AddSingleton<IChannelPoster>(poster), output, error, Ct);

    private string[] Lines => output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Due_DryRun_PrintsWhatWouldBePostedAndChangesNothing()
    {
        var before = await SnapshotAsync();

        var exit = await Due("due", "--at", NudgeAt, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Collection(Lines,
            l => Assert.StartsWith("Quotes rollout | overdue:G-1:2026-12-01:nudge | 2026-12-02 09:30 Europe/Berlin | slack | due | Ana Silva, G-1 \"Quotes fail on mobile\"", l, StringComparison.Ordinal),
            l => Assert.Equal("1 occurrence(s) due at 2026-12-02T09:30:00.0000000+01:00; dry run, nothing was posted.", l));
        Assert.Empty(poster.Calls);
        Assert.Equal("", error.ToString());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Due_WithoutDryRun_PostsOnceAndASecondRunPostsNothing()
    {
        Assert.Equal(0, await Due("due", "--at", NudgeAt));
        Assert.Equal(0, await Due("due", "--at", NudgeAt));

        var posted = Assert.Single(poster.Calls);
        var direct = Assert.IsType<Reply.Direct>(posted);
        Assert.Equal("U-ANA", direct.Person.Id);
        Assert.StartsWith("Ana Silva, G-1", CoreText.Named(((Reply.Card)direct.Personal).Doc.Summary), StringComparison.Ordinal);
        Assert.Contains(Lines, l => l.Contains("| overdue:G-1:2026-12-01:nudge |", StringComparison.Ordinal) && l.Contains("| posted |", StringComparison.Ordinal));
        Assert.Equal("0 occurrence(s) due at 2026-12-02T09:30:00.0000000+01:00; 0 posted.", Lines[^1]);
    }

    [Fact]
    public async Task Due_DryRunOnAnAccountWithoutTables_SaysSoAndCreatesNone()
    {
        var fresh = DueAzurite.UniquePrefix();

        var exit = await Due(azurite.Settings(fresh), "due", "--at", NudgeAt, "--dry-run");

        Assert.Equal(3, exit);
        Assert.StartsWith("Storage is unavailable: missing tables: " + fresh, error.ToString(), StringComparison.Ordinal);
        await foreach (var table in azurite.Tables().QueryAsync(t => t.Name.CompareTo(fresh) >= 0 && t.Name.CompareTo(fresh + "~") < 0))
        {
            Assert.Fail($"the dry run created table {table.Name}");
        }
    }

    public static TheoryData<string[], string> BadArguments() => new()
    {
        { ["due"], "--at is required." },
        { ["due", "--dry-run"], "--at is required." },
        { ["due", "--at"], "--at needs a date and time." },
        { ["due", "--at", "friday"], "'friday' is not an ISO date and time." },
        { ["due", "--at", NudgeAt, "--force"], "Unknown argument '--force'." },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Due_BadArguments_OneLineErrorExitTwoNothingDone(string[] args, string problem)
    {
        var exit = await Due(args);

        Assert.Equal(2, exit);
        Assert.Equal($"{problem} {DueCommand.Usage}{Environment.NewLine}", error.ToString());
        Assert.Equal("", output.ToString());
        Assert.Empty(poster.Calls);
    }

    /// <summary>Every row of every table of this test's prefix, with its ETag: any write shows up.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var name in storage.Names.All)
        {
            await foreach (var e in storage.Service.GetTableClient(name).QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                rows.Add($"{name}|{e.PartitionKey}|{e.RowKey}|{e.ETag}");
            }
        }
        return rows;
    }

    private sealed class RecordingPoster : IChannelPoster
    {
        private readonly List<Reply> calls = [];

        public string Platform => "slack";

        public IReadOnlyList<Reply> Calls { get { lock (calls) return [.. calls]; } }

        public Task<PostResult> PostAsync(Recovery recovery, Reply reply, CancellationToken ct)
        {
            lock (calls) calls.Add(reply);
            return Task.FromResult<PostResult>(new PostResult.Posted("m1"));
        }
    }
}
