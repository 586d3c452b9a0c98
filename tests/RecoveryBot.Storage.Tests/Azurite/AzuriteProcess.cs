using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RecoveryBot.Storage.Tests.Azurite;

/// <summary>
/// One azurite-table process from the repo's pinned npm package. Shared by the tests and bench/StorageBench.
/// </summary>
internal sealed class AzuriteProcess(int port, string location, bool inMemory) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly StringBuilder output = new();
    private Process? process;

    public int Port => port;
    public string Location => location;
    public bool InMemory => inMemory;
    public string Endpoint => $"http://127.0.0.1:{Port}/devstoreaccount1";
    public string ConnectionString => AzuriteEnvironment.ConnectionStringFor(Endpoint);

    /// <summary>Starts Azurite on a free port with a fresh data folder; throws with the reason if it cannot.</summary>
    public static async Task<AzuriteProcess> StartAsync(bool inMemory)
    {
        var location = Directory.CreateTempSubdirectory("azurite-").FullName;
        var azurite = new AzuriteProcess(AzuriteEnvironment.FreePort(), location, inMemory);
        try
        {
            await azurite.RestartAsync();
            return azurite;
        }
        catch
        {
            azurite.Dispose();
            throw;
        }
    }

    /// <summary>(Re)starts on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        if (process is { HasExited: false }) throw new InvalidOperationException("Azurite is already running.");
        process?.Dispose();
        var exe = Path.Combine(AzuriteEnvironment.RepoRoot(), "node_modules", ".bin", "azurite-table");
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({exe} is missing).");
        }
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Location,
        };
        foreach (var arg in Arguments()) info.ArgumentList.Add(arg);
        process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
    }

    /// <summary>SIGINT: the only signal on which Azurite saves its data folder (it autosaves only every 5 s).</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited) return;
        if (NativeMethods.Kill(process.Id, NativeMethods.SigInt) != 0) process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
        process?.WaitForExit(5000);
        process?.Dispose();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private string[] Arguments()
    {
        string[] args = ["--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent"];
        // Azurite refuses --location together with --inMemoryPersistence; it then runs in Location as its cwd.
        return InMemory ? [.. args, "--inMemoryPersistence"] : [.. args, "--location", Location];
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process!.HasExited) break;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        var exited = process!.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen within {StartTimeout.TotalSeconds:0} s";
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"Azurite (port {Port}) {exited}. Output:\n{Output}");
    }

    private string Output
    {
        get { lock (output) return output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
