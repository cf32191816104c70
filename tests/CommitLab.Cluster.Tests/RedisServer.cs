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
        Start();
    }

    /// <summary>The port this server listens on (another one after a start lost its port to a server that raced for it).</summary>
    public int Port { get; private set; } = FreePort();

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

    /// <summary>
    /// Starts redis-server on <see cref="Port"/> and waits until it is the one answering there. A free
    /// port is only free until someone binds it: another test's server, started in the same instant,
    /// may take it first. Then ours exits (or, had it bound, the other's would) and the port answers
    /// with the other server's data; so the server must answer with its own process id, and on a lost
    /// race this one starts again on a new port.
    /// </summary>
    private void Start()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: ./test.sh installs it (apt-get install redis-server)");
        for (var attempt = 1; ; attempt++)
        {
            process?.Dispose();
            process = Process.Start(new ProcessStartInfo(binary,
                ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", folder,
                 "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no", "--logfile", Path.Combine(folder, "redis.log")])
            {
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("redis-server did not start");
            if (WaitUntilOursAnswers())
            {
                return;
            }

            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"redis-server could not keep a port of its own in {attempt} tries; see {Path.Combine(folder, "redis.log")}");
            }

            Port = FreePort();
        }
    }

    /// <summary>True once this server answers on <see cref="Port"/>; false if it exited or another server answers there.</summary>
    private bool WaitUntilOursAnswers()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && !process!.HasExited)
        {
            try
            {
                return ProcessIdAnswering() == process.Id;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                Thread.Sleep(50);
            }
        }

        return false;
    }

    /// <summary>The process id of the redis-server answering on <see cref="Port"/> (its INFO server section says it).</summary>
    private int ProcessIdAnswering()
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        stream.Write("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n"u8);
        var text = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var read = stream.Read(buffer, 0, buffer.Length);
            if (read == 0)
            {
                throw new IOException("redis-server closed the connection before saying its process id");
            }

            text.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            var reply = text.ToString();
            var at = reply.IndexOf("process_id:", StringComparison.Ordinal);
            var end = at < 0 ? -1 : reply.IndexOf('\r', at);
            if (end > 0)
            {
                return int.Parse(reply.AsSpan(at + "process_id:".Length, end - at - "process_id:".Length), System.Globalization.CultureInfo.InvariantCulture);
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
