using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Playwright;
using static CommitLab.Benchmarks.LabLoadStats;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>lab-load [--clicks N] [--circuits M] [--loads K] [--render-seconds S] [--server-dir DIR]</c>:
/// the Lab as a browser sees it, against the real server in a child process. Publishes
/// src/CommitLab.Web (Release) into a temporary folder, starts it in the Production environment on a
/// free loopback port, drives Debian's Chromium through Playwright, and prints four measurements:
/// first load (bytes by type, time to interactive), fault click to DOM latency, server memory per
/// Lab circuit, and the render rate at 10x. See docs/performance.md, "Lab (web)".
/// </summary>
public static partial class LabLoad
{
    /// <summary>The spec's aim for server memory per Lab circuit.</summary>
    public const double TargetBytesPerCircuit = 1024 * 1024;

    /// <summary>The server's play timer period: at most one render per 50 ms while playing.</summary>
    public const double DesignRendersPerSecond = 20;

    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);

    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    /// <summary>The running server, for the signal handlers; set as soon as its process starts.</summary>
    private static LabLoadServer? current;

    private sealed record Options(int Clicks, int Circuits, int Loads, double RenderSeconds, string? ServerDir, string Chromium);

    public static int Run(string[] args)
    {
        if (ParseOptions(args) is not { } options)
        {
            return 2;
        }

        void KillServer() => Volatile.Read(ref current)?.Kill();

        // Whatever happens (Ctrl+C, SIGTERM, a closed terminal, the time budget, an exception), the
        // server goes with us. The signal handlers kill it and let the default action end this process.
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        EventHandler onExit = (_, _) => KillServer();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        using var watchdog = new Timer(_ =>
        {
            Console.Error.WriteLine($"lab-load: over the {Budget.TotalMinutes:0}-minute budget, giving up");
            KillServer();
            Environment.Exit(3);
        }, null, Budget, Timeout.InfiniteTimeSpan);

        try
        {
            return RunAsync(options, s => Volatile.Write(ref current, s)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"lab-load: failed: {e.Message}");
            if (Volatile.Read(ref current) is { } s)
            {
                Console.Error.WriteLine("last server output:\n" + s.RecentOutput());
            }

            return 1;
        }
        finally
        {
            Volatile.Read(ref current)?.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        Console.Error.WriteLine($"lab-load: {context.Signal}, stopping the server");
        Volatile.Read(ref current)?.Kill();
    }

    private static Options? ParseOptions(string[] args)
    {
        var clicks = 50;
        var circuits = 20;
        var loads = 5;
        var renderSeconds = 10.0;
        string? serverDir = null;
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                Console.Error.WriteLine($"lab-load: {args[i]} needs a value");
                return null;
            }

            switch (args[i])
            {
                case "--clicks": clicks = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--circuits": circuits = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--loads": loads = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--render-seconds": renderSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--server-dir": serverDir = Path.GetFullPath(value); break;
                case "--chromium": chromium = value; break;
                default:
                    Console.Error.WriteLine($"lab-load: unknown option {args[i]}");
                    return null;
            }

            i++;
        }

        if (clicks < 1 || circuits < 1 || loads < 1 || renderSeconds < 0)
        {
            Console.Error.WriteLine("lab-load: --clicks, --circuits and --loads must be positive, --render-seconds positive or 0 (left out)");
            return null;
        }

        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"lab-load: no Chromium at {chromium} (apt-get install chromium, or --chromium PATH / CHROMIUM_PATH)");
            return null;
        }

        return new Options(clicks, circuits, loads, renderSeconds, serverDir, chromium);
    }

    private static async Task<int> RunAsync(Options options, Action<LabLoadServer> serverStarted)
    {
        var total = Stopwatch.StartNew();
        var folder = options.ServerDir;
        if (folder is null)
        {
            var repoRoot = FindRepoRoot() ?? throw new InvalidOperationException("run from inside the repository (CommitLab.sln not found), or pass --server-dir");
            folder = Path.Combine(Path.GetTempPath(), "commitlab-lab-load", "server");
            Console.WriteLine($"publishing src/CommitLab.Web (Release) to {folder} ...");
            var publish = Stopwatch.StartNew();
            LabLoadServer.Publish(repoRoot, folder, TimeSpan.FromMinutes(3));
            Console.WriteLine($"  published in {publish.Elapsed.TotalSeconds:0.0} s");
        }

        var startup = Stopwatch.StartNew();
        using var server = await LabLoadServer.StartAsync(folder, TimeSpan.FromSeconds(60), serverStarted);
        Console.WriteLine($"server     pid {server.ProcessId}, {server.BaseUrl}, Production, from {folder}; /lab answered 200 after {startup.Elapsed.TotalSeconds:0.0} s");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.Chromium,
            Headless = true,
            Args = ChromiumArguments,
            Timeout = 30_000,
        });
        Console.WriteLine($"machine    {Environment.ProcessorCount} cores, .NET {Environment.Version}, Chromium {browser.Version} headless; server, browser and this process share the cores");
        Console.WriteLine();

        Console.WriteLine($"load       {LabLoadMachine.LoadAverages()} (1, 5, 15 minutes) at the start; each figure below is printed with the 1-minute load average seen while it was measured");
        Console.WriteLine();

        using var machine = new LabLoadMachine();
        var session = new Session(browser, server.BaseUrl);
        var loads = await FirstLoadsAsync(session, server, machine, options.Loads);
        var clicks = await FaultClicksAsync(session, machine, options.Clicks);
        var memory = await MemoryPerCircuitAsync(session, server, machine, options.Circuits);
        var render = options.RenderSeconds > 0 ? await RenderRateAsync(session, server, machine, options.RenderSeconds) : null;

        PrintSummary(options, loads, clicks, memory, render);
        Console.WriteLine($"\ntotal {total.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    internal static string? FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CommitLab.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    private static void PrintSummary(Options options, IReadOnlyList<LoadSample> loads, ClickResult clicks, MemoryResult memory, RenderResult? render)
    {
        var bytes = Median(loads.Select(l => (double)l.TotalBytes));
        var socket = Median(loads.Select(l => (double)l.WebSocketBytesIn));
        string Group(string group) => Kb(Median(loads.Select(l => (double)l.Resources.Where(r => r.Group == group).Sum(r => r.Bytes))));
        var mud = Median(loads.Select(l => (double)l.Resources.Where(r => r.Group.StartsWith("MudBlazor", StringComparison.Ordinal)).Sum(r => r.Bytes)));
        var wasm = loads.Max(l => l.Resources.Count(r => r.Group == LabLoadResources.WebAssembly));
        var tti = loads.Select(l => l.TtiMs).ToArray();
        // Load 1 opens the server's first circuit since start-up (its JIT); the warm loads are the figure.
        var warmCpu = loads.Skip(loads.Count > 1 ? 1 : 0).Select(l => l.ServerCpuMs).ToArray();
        var loadsLoad = new LoadRange(loads.Min(l => l.Load.Min), loads.Max(l => l.Load.Max));
        var crashP95 = Percentile(clicks.Crash, 0.95);
        var heapIdle = PerCircuitHeap(memory.Before, memory.Open, memory.Circuits);

        Console.WriteLine();
        Console.WriteLine("Lab (web) summary");
        Console.WriteLine(new string('-', 140));
        Row("measure", "value", "target / note");
        Console.WriteLine(new string('-', 140));
        Row($"(a) first load of /lab, HTTP (median of {loads.Count})", $"{Kb(bytes)} in {Median(loads.Select(l => (double)l.Requests)):0} responses",
            $"encoded bodies + headers, cold cache; {loadsLoad}");
        Row("    + websocket until interactive", $"{Kb(socket)}; in all {Kb(bytes + socket)}", $"< 600 KB: {(bytes + socket < 600 * 1024 ? "met" : "MISSED")}");
        Row("    MudBlazor's share (CSS + JS)", $"{Kb(mud)} ({N(100 * mud / bytes)} % of HTTP)", $"CSS {Group("MudBlazor CSS")}, JS {Group("MudBlazor JS")}");
        Row("    HTML / blazor.web.js / app CSS / app JS", $"{Group("prerendered HTML")} / {Group("blazor.web.js")} / {Group("app CSS")} / {Group("app JS")}",
            $"fonts {Group("fonts")}, Blazor.Diagrams {Group("Blazor.Diagrams")}, WebAssembly files {wasm}");
        Row($"(a) time to interactive (median of {loads.Count})", Ms(Median(tti)), $"< 1 s: {(Median(tti) < 1000 ? "met" : "MISSED")}; min {Ms(tti.Min())}, max {Ms(tti.Max())}; {loadsLoad}");
        Row($"    server CPU to interactive (median of {warmCpu.Length} warm)", Ms(Median(warmCpu)), $"load 1 (the first circuit): {Ms(loads[0].ServerCpuMs)}; load-independent");
        Row($"(b) crash click -> DOM (N={clicks.Crash.Count})", P(clicks.Crash), $"p95 < 100 ms: {(crashP95 < 100 ? "met" : "MISSED")}; {clicks.Load}");
        Row($"    recover click -> DOM (N={clicks.Recover.Count})", P(clicks.Recover), clicks.Timeouts == 0 ? "" : $"{clicks.Timeouts} timed out");
        Row($"(c) memory per circuit, {options.Circuits} idle circuits", PerCircuit(memory.Before, memory.Open, memory.Circuits), $"{Verdict(memory.Before, memory.Open, memory.Circuits)}; {memory.Load}");
        Row($"    memory per circuit, each run played", PerCircuit(memory.Before, memory.Played, memory.Circuits), Verdict(memory.Before, memory.Played, memory.Circuits));
        if (render is not null)
        {
            Row($"render rate at 10x ({render.Seconds:0.0} s)",
                $"{N(render.Renders / render.Seconds)} renders/s, {N(render.FramesReceived / render.Seconds)} frames/s, {Kb(render.BytesReceived / render.Seconds)}/s",
                $"design ceiling {DesignRendersPerSecond:0}/s (50 ms timer); server CPU {N(render.ServerCorePercent)} % of a core; {render.Load}");
        }

        Console.WriteLine(new string('-', 140));
        // One line per run, to collect medians over several runs.
        Console.WriteLine(FormattableString.Invariant(
            $"figures: bytes_kb={bytes / 1024:0.0} ws_kb={socket / 1024:0.0} mud_kb={mud / 1024:0.0} tti_ms={Median(tti):0} tti_load={loadsLoad.Max:0.0} cpu_ms={Median(warmCpu):0.0} crash_p50={Percentile(clicks.Crash, 0.5):0.0} crash_p95={crashP95:0.0} recover_p95={Percentile(clicks.Recover, 0.95):0.0} click_load={clicks.Load.Max:0.0} heap_mb={heapIdle / (1024 * 1024):0.00} rss_mb={(double)(memory.Open.Process.WorkingSet - memory.Before.Process.WorkingSet) / memory.Circuits / (1024 * 1024):0.00} mem_load={memory.Load.Max:0.0} wasm={wasm}"));

        static void Row(string a, string b, string c) => Console.WriteLine($"{a,-48} {b,-46} {c}");
        static string P(IReadOnlyList<double> v) => v.Count == 0 ? "n/a" : $"{N(Percentile(v, 0.5))} / {N(Percentile(v, 0.95))} / {N(v.Max())} ms";
    }

    private static double PerCircuitHeap(MemorySnapshot before, MemorySnapshot after, int circuits) =>
        before.HeapAfterGc is { } b && after.HeapAfterGc is { } a ? (double)(a - b) / circuits : double.NaN;

    private static string PerCircuit(MemorySnapshot before, MemorySnapshot after, int circuits)
    {
        var heap = before.HeapAfterGc is { } b && after.HeapAfterGc is { } a ? Mb((double)(a - b) / circuits) : "n/a";
        return $"heap {heap}, RSS {Mb((double)(after.Process.WorkingSet - before.Process.WorkingSet) / circuits)}";
    }

    private static string Verdict(MemorySnapshot before, MemorySnapshot after, int circuits)
    {
        var heap = before.HeapAfterGc is { } b && after.HeapAfterGc is { } a ? (double)(a - b) / circuits : double.NaN;
        var rss = (double)(after.Process.WorkingSet - before.Process.WorkingSet) / circuits;
        return $"< 1 MB: heap {(double.IsNaN(heap) ? "n/a" : heap < TargetBytesPerCircuit ? "met" : "MISSED")}, RSS {(rss < TargetBytesPerCircuit ? "met" : "MISSED")}";
    }
}
