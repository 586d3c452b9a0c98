using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace RecoveryBot.Storage.Tests.Azurite;

/// <summary>Where Azurite lives and how to reach it.</summary>
internal static class AzuriteEnvironment
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionStringFor(string endpoint) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint={endpoint.TrimEnd('/')};";

    /// <summary>
    /// The directory holding RecoveryBot.sln, walking up from the project's source directory (baked in at build
    /// time, because binaries may live in an artifacts folder outside the repo), the binaries and the working directory.
    /// </summary>
    public static string RepoRoot()
    {
        var source = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        string?[] starts = [source, AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RecoveryBot.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException($"RecoveryBot.sln not found above {source} or {AppContext.BaseDirectory}.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static partial class NativeMethods
{
    public const int SigInt = 2;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
