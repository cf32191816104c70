using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CommitLab.Benchmarks;

/// <summary>
/// The real CommitLab server as a child process for <c>lab-load</c>: the published app
/// (<c>dotnet CommitLab.Web.dll</c>, Production environment) on a free loopback port. Disposing it,
/// or calling <see cref="Kill"/> from a Ctrl+C or exit handler, kills the process; both are idempotent.
/// </summary>
internal sealed class LabLoadServer : IDisposable
{
    private readonly Process process;
    private readonly Queue<string> output = new();
    private int killed;

    private LabLoadServer(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    /// <summary>
    /// Publishes src/CommitLab.Web (Release) into <paramref name="folder"/>. Only a published app serves
    /// its static files outside the Development environment: the build output's MapStaticAssets answers
    /// 200 with empty bodies in Production, because the build's asset manifest points into obj/ and the
    /// source tree, which ASP.NET Core only follows in Development.
    /// </summary>
    public static void Publish(string repoRoot, string folder, TimeSpan timeout)
    {
        var project = Path.Combine(repoRoot, "src", "CommitLab.Web", "CommitLab.Web.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-o", folder, "--nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        if (!publish.WaitForExit(timeout))
        {
            publish.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish took longer than {timeout.TotalSeconds:0} s");
        }

        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
    }

    /// <summary>Starts the app in <paramref name="folder"/> and waits (bounded) until /lab answers 200.</summary>
    public static async Task<LabLoadServer> StartAsync(string folder, TimeSpan timeout, Action<LabLoadServer> started)
    {
        var dll = Path.Combine(folder, "CommitLab.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"no CommitLab.Web.dll in {folder}", dll);
        }

        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = baseUrl.GetLeftPart(UriPartial.Authority);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        // `dotnet run` hands its own settings to this process; none of them belong to the server.
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var server = new LabLoadServer(process, baseUrl);
        started(server);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {process.ExitCode}:\n{server.RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "lab"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // One attempt timed out; the loop's deadline bounds the whole wait.
            }

            await Task.Delay(100);
        }

        server.Dispose();
        throw new TimeoutException($"/lab did not answer 200 within {timeout.TotalSeconds:0} s:\n{server.RecentOutput()}");
    }

    /// <summary>The server's memory now, as the OS sees it.</summary>
    public MemoryReading ReadMemory()
    {
        process.Refresh();
        long rssAnon = 0;
        try
        {
            // RssAnon: resident anonymous pages (heaps, stacks, the GC's regions), without the mapped
            // dll files that make up much of the working set.
            foreach (var line in File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    rssAnon = long.Parse(line["RssAnon:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Not Linux, or the process is gone: leave it at zero.
        }

        return new MemoryReading(process.WorkingSet64, process.PrivateMemorySize64, rssAnon);
    }

    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public string RecentOutput()
    {
        lock (output)
        {
            return string.Join('\n', output);
        }
    }

    public void Kill()
    {
        if (Interlocked.Exchange(ref killed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > 60)
            {
                output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>Working set (RSS), private bytes as .NET reports them, and resident anonymous memory, in bytes.</summary>
internal readonly record struct MemoryReading(long WorkingSet, long PrivateBytes, long RssAnon)
{
    public static MemoryReading Median(IReadOnlyList<MemoryReading> readings) => new(
        (long)LabLoadStats.Median(readings.Select(r => (double)r.WorkingSet)),
        (long)LabLoadStats.Median(readings.Select(r => (double)r.PrivateBytes)),
        (long)LabLoadStats.Median(readings.Select(r => (double)r.RssAnon)));
}
