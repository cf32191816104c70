using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// A private redis-server for one test, on a free loopback port, writing its append-only file
/// with fsync on every write (as the cluster script runs it). ./test.sh installs redis-server;
/// the tests that need it fail with that hint when it is missing.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "commitlab-redis-" + Guid.NewGuid().ToString("N"));
    private Process? process;

    public RedisServer()
    {
        Directory.CreateDirectory(folder);
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Kills the server without letting it save (as a crash would) and starts it again on the same files.</summary>
    public void Crash()
    {
        process!.Kill();
        process.WaitForExit();
        Start();
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }

        process?.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private void Start()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: ./test.sh installs it (apt-get install redis-server)");
        process?.Dispose();
        process = Process.Start(new ProcessStartInfo(binary,
            ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", folder,
             "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no", "--logfile", Path.Combine(folder, "redis.log")])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
