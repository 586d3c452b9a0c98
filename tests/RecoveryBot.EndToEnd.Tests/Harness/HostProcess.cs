using System.Diagnostics;
using System.Globalization;
using System.Text;
using RecoveryBot.Storage.Tests.Azurite;

namespace RecoveryBot.EndToEnd.Tests.Harness;

/// <summary>
/// The real RecoveryBot host, run as a separate process (<c>dotnet RecoveryBot.Host.dll</c>) on a free port with the
/// given settings as environment variables. Started until <c>/readyz</c> answers 200; killed (with its children) on
/// dispose. Its stdout and stderr are kept for the test output.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string HostDllVariable = "RECOVERYBOT_HOST_DLL";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    // Settings a developer's shell might carry that would change what the host does; the harness sets its own.
    private static readonly string[] ClearedPrefixes = ["Slack__", "Storage__", "Teams__", "Web__", "Scheduler__", "ASPNETCORE_", "Logging__", "Outbound__"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly EventHandler _onExit;

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        // Never leave a host behind, even when the test run itself is torn down.
        _onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the host printed so far (stdout and stderr, interleaved as received).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The host dll: <c>RECOVERYBOT_HOST_DLL</c>, else the repo's build output for this configuration (then debug, release).</summary>
    public static string FindHostDll()
    {
        if (Environment.GetEnvironmentVariable(HostDllVariable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new InvalidOperationException($"{HostDllVariable}={given} does not exist.");
        }
        var root = AzuriteEnvironment.RepoRoot();
        // This assembly lives in artifacts/bin/RecoveryBot.EndToEnd.Tests/<config>/; the host in artifacts/bin/RecoveryBot.Host/<config>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var candidates = new[] { configuration, "debug", "release" }.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => Path.Combine(root, "artifacts", "bin", "RecoveryBot.Host", c, "RecoveryBot.Host.dll")).ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "The end-to-end tests run the real host, but it is not built. Looked for:\n  " + string.Join("\n  ", candidates) +
            "\nBuild it first: `dotnet build src/RecoveryBot.Host` (./test builds the whole solution), or set " + HostDllVariable + ".");
    }

    /// <summary>Starts the host and waits until it is ready; a port taken in between is retried on another one.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var dll = FindHostDll();
        for (var attempt = 1; ; attempt++)
        {
            var port = AzuriteEnvironment.FreePort();
            var host = Launch(dll, port, settings);
            try
            {
                await host.WaitUntilReadyAsync();
                return host;
            }
            catch (InvalidOperationException) when (attempt < 3 && host.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Runs one CLI verb of the host (<c>due --at …</c>) with the same settings; returns its exit code and output.</summary>
    public static async Task<(int Code, string Output)> RunCliAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var host = Launch(FindHostDll(), AzuriteEnvironment.FreePort(), settings, args);
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        try
        {
            await host._process.WaitForExitAsync(timeout.Token);
            host._process.WaitForExit(); // flushes the redirected output
            return (host._process.ExitCode, host.Output);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static HostProcess Launch(string dll, int port, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetMuxer())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var key in info.Environment.Keys.Where(k => ClearedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            info.Environment.Remove(key);
        }
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["Web__PublicBaseUrl"] = url;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings) info.Environment[key] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"`dotnet {dll}` did not start.");
        var host = new HostProcess(process, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data is null ? null : "[stderr] " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The dotnet executable running these tests (DOTNET_HOST_PATH, set by the CLI), else dotnet on the PATH.</summary>
    private static string DotnetMuxer() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready. Its output:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "a /readyz request timed out";
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"The host was not ready within {ReadyTimeout.TotalSeconds:0} s (last /readyz: {last}). Its output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // Bounded: a runaway log must not eat the test run's memory.
            if (_output.Length < 4_000_000) _output.AppendLine(line);
        }
    }

    /// <summary>
    /// Kills the host and its children outright (SIGKILL: no graceful shutdown, nothing flushed or handed over) and waits
    /// until it is gone. Its output so far stays readable.
    /// </summary>
    public async Task KillAsync()
    {
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Reported by the caller's output; nothing more to do.
        }
        _process.Dispose();
    }
}
