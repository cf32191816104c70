using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.Playwright;
// The web project's Orleans packages import Orleans.Runtime everywhere, which has an IRequest too.
using IRequest = Microsoft.Playwright.IRequest;
using static CommitLab.Benchmarks.LabLoadStats;

namespace CommitLab.Benchmarks;

/// <summary>The four measurements of <c>lab-load</c>; every wait has a timeout.</summary>
public static partial class LabLoad
{
    private const string InteractiveSelector = "[data-testid=lab][data-interactive=true]";
    private const string SpeedSelector = "[aria-label='Playback speed, 0.1x to 10x']";
    private const string BlockedScenario = "2pc-leader-crash-after-commit";
    private const float WaitMs = 30_000;

    /// <summary>
    /// Runs before any page script: records performance.now() (milliseconds since navigation start)
    /// when the Lab first carries data-interactive=true, which the page sets once its circuit is live.
    /// </summary>
    private const string InteractiveProbe = """
        (() => {
          const seen = () => {
            if (window.__labInteractiveAt === undefined && document.querySelector('[data-testid=lab][data-interactive=true]')) {
              window.__labInteractiveAt = performance.now();
              observer.disconnect();
            }
          };
          const observer = new MutationObserver(seen);
          observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
        })();
        """;

    private const string LoadTimings = """
        () => {
          const nav = performance.getEntriesByType('navigation')[0];
          return [window.__labInteractiveAt ?? -1, nav ? nav.responseEnd : -1, nav ? nav.domContentLoadedEventEnd : -1, nav ? nav.loadEventEnd : -1];
        }
        """;

    /// <summary>
    /// Arms a one-shot latency probe: the clock starts at the next click event (capture phase, before
    /// Blazor's handler sees it) and stops in the MutationObserver callback that first sees the node
    /// with (or without) class "down". Resolves to milliseconds, or -1 after 10 s.
    /// </summary>
    private const string ArmNodeProbe = """
        ({ node, down }) => {
          window.__labLatency = new Promise(resolve => {
            let t0 = null;
            const reached = () => (document.querySelector(`g.node[data-node='${node}']`)?.classList.contains('down') ?? false) === down;
            window.addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
            const observer = new MutationObserver(() => {
              if (t0 !== null && reached()) {
                const t1 = performance.now();
                observer.disconnect();
                clearTimeout(timer);
                resolve(t1 - t0);
              }
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
            const timer = setTimeout(() => { observer.disconnect(); resolve(-1); }, 10000);
          });
        }
        """;

    private const string SetSpeedTo10x = "el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); }";

    private const string ArmClockCounter = """
        () => {
          const clock = document.querySelector('[data-testid=clock]');
          const state = { renders: 0, first: clock.textContent, last: clock.textContent };
          window.__labClock = state;
          new MutationObserver(() => {
            const text = clock.textContent;
            if (text !== state.last) { state.renders++; state.last = text; }
          }).observe(clock, { subtree: true, childList: true, characterData: true });
        }
        """;

    private const string ReadClockCounter = "() => [window.__labClock.renders, parseInt(window.__labClock.first, 10), parseInt(window.__labClock.last, 10)]";

    /// <summary>Characters of markup: the space-time diagram (one MarkupString, re-sent whole when it changes) and the whole Lab.</summary>
    private const string ReadMarkupSizes = "() => [document.querySelector('.space-time-scroll')?.innerHTML.length ?? 0, document.querySelector('[data-testid=lab]')?.outerHTML.length ?? 0]";

    private sealed record Session(IBrowser Browser, Uri BaseUrl)
    {
        public async Task<IBrowserContext> NewContextAsync()
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = BaseUrl.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            });
            context.SetDefaultTimeout(WaitMs);
            return context;
        }

        /// <summary>A page on the Lab, its circuit live.</summary>
        public async Task<IPage> OpenLabAsync(IBrowserContext context, string query = "")
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("lab" + query, new PageGotoOptions { Timeout = WaitMs });
            await page.Locator(InteractiveSelector).WaitForAsync(new LocatorWaitForOptions { Timeout = WaitMs });
            return page;
        }
    }

    /// <summary>One response of a first load: encoded body + headers as sent, and its Content-Encoding ("" when none).</summary>
    private sealed record LoadedResource(string Url, string Kind, string Group, long Bytes, long BodyBytes, string Encoding);

    private sealed record LoadSample(
        double TtiMs, double ResponseEndMs, double DomContentLoadedMs, double LoadMs,
        IReadOnlyDictionary<string, long> BytesByKind, long TotalBytes, int Requests, int Failed,
        IReadOnlyList<LoadedResource> Resources, long WebSocketBytesIn, double ServerCpuMs, LoadRange Load);

    private sealed record ClickResult(IReadOnlyList<double> Crash, IReadOnlyList<double> Recover, int Timeouts, LoadRange Load);

    private sealed record MemorySnapshot(MemoryReading Process, long? HeapAfterGc, MemoryReading ProcessAfterGc);

    private sealed record MemoryResult(int Circuits, MemorySnapshot Before, MemorySnapshot Open, MemorySnapshot Played, LoadRange Load);

    private sealed record RenderResult(LoadRange Load, double Seconds, int Renders, long TickFrom, long TickTo, int FramesReceived, long BytesReceived, int FramesSent, long BytesSent, TimeSpan ServerCpu)
    {
        public double ServerCorePercent => 100 * ServerCpu.TotalSeconds / Seconds;
    }

    /// <summary>Closes a Lab page so its circuit ends now: leaving the page sends Blazor's disconnect beacon.</summary>
    private static async Task CloseAsync(IBrowserContext context)
    {
        foreach (var page in context.Pages)
        {
            try
            {
                await page.GotoAsync("about:blank", new PageGotoOptions { Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
                // Closing the context below ends it anyway; the server then keeps the circuit a while.
            }
        }

        await context.CloseAsync();
    }

    private static string KindOf(string resourceType) => resourceType switch
    {
        "document" => "document",
        "stylesheet" => "css",
        "script" => "js",
        "font" => "font",
        _ => "other",
    };

    private static long FrameBytes(IWebSocketFrame frame) => frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? "");

    // ---- 1. first load --------------------------------------------------------------------------

    private static async Task<IReadOnlyList<LoadSample>> FirstLoadsAsync(Session session, LabLoadServer server, LabLoadMachine machine, int count)
    {
        Console.WriteLine($"1. first load of /lab: {count} cold loads, each in a new browser context (empty cache)");
        var idle = await IdleServerCpuAsync(server);
        Console.WriteLine($"   server CPU while idle: {N(idle)} ms per second (background timers); subtracted from each load's CPU below");
        var samples = new List<LoadSample>();
        for (var i = 1; i <= count; i++)
        {
            var sample = await ColdLoadAsync(session, server, machine, idle);
            samples.Add(sample);
            Console.WriteLine($"   load {i}: interactive at {Ms(sample.TtiMs)} (response end {Ms(sample.ResponseEndMs)}, DOMContentLoaded {Ms(sample.DomContentLoadedMs)}, load {Ms(sample.LoadMs)}); " +
                $"server CPU to interactive {Ms(sample.ServerCpuMs)}; {Kb(sample.TotalBytes)} in {sample.Requests} responses{(sample.Failed > 0 ? $", {sample.Failed} failed" : "")}; " +
                $"websocket in until interactive {Kb(sample.WebSocketBytesIn)}; {sample.Load}");
        }

        PrintResources(samples[0]);
        Console.WriteLine();
        return samples;
    }

    /// <summary>The first load by resource: every response, then the groups the summary reports, and what travelled uncompressed.</summary>
    private static void PrintResources(LoadSample sample)
    {
        Console.WriteLine("   resources of load 1 (encoded body + response headers, as sent; Content-Encoding):");
        foreach (var r in sample.Resources.OrderByDescending(r => r.Bytes))
        {
            Console.WriteLine($"     {Kb(r.Bytes),12}  {(r.Encoding.Length == 0 ? "-" : r.Encoding),-5} {r.Kind,-8}  {r.Url}");
        }

        Console.WriteLine("   by group:");
        foreach (var group in LabLoadResources.Groups)
        {
            var inGroup = sample.Resources.Where(r => r.Group == group).ToArray();
            if (inGroup.Length == 0)
            {
                continue;
            }

            var bytes = inGroup.Sum(r => r.Bytes);
            var encodings = string.Join(", ", inGroup.Select(r => r.Encoding.Length == 0 ? "none" : r.Encoding).Distinct());
            Console.WriteLine($"     {group,-40} {Kb(bytes),12}  {100.0 * bytes / sample.TotalBytes,5:0.0} %  {inGroup.Length} response(s), encoding: {encodings}");
        }

        var plain = sample.Resources.Where(r => r.Encoding.Length == 0 && LabLoadResources.ShouldBeCompressed(r.Kind, r.BodyBytes)).ToArray();
        Console.WriteLine(plain.Length == 0
            ? "   every document, stylesheet and script over 1 KB arrived compressed"
            : $"   arrived uncompressed: {string.Join(", ", plain.Select(r => $"{r.Url} ({Kb(r.BodyBytes)})"))}");
    }

    /// <summary>
    /// The server's CPU time per second while nothing is asked of it (its timers), to subtract from a
    /// load's CPU. A server that has just started keeps a core busy for 10 to 20 s on a quiet machine,
    /// longer on a busy one (start-up work, then the runtime's background recompilation of hot
    /// methods), so this first waits, at most 60 s, for five quiet seconds in a row (under 40 ms of
    /// CPU each), and takes the median of those five.
    /// </summary>
    private static async Task<double> IdleServerCpuAsync(LabLoadServer server)
    {
        async Task<double> SecondAsync()
        {
            var cpu0 = server.CpuTime();
            var wall = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(1));
            return (server.CpuTime() - cpu0).TotalMilliseconds / wall.Elapsed.TotalSeconds;
        }

        var waited = Stopwatch.StartNew();
        var quiet = new List<double>();
        while (quiet.Count < 5 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            var second = await SecondAsync();
            if (second < 40)
            {
                quiet.Add(second);
            }
            else
            {
                quiet.Clear();
            }
        }

        var settled = quiet.Count == 5;
        Console.WriteLine($"   waited {waited.Elapsed.TotalSeconds:0} s for the server to settle{(settled ? "" : " (it did not: the CPU figures below carry its start-up work)")}");
        return settled ? Median(quiet) : await SecondAsync();
    }

    private static async Task<LoadSample> ColdLoadAsync(Session session, LabLoadServer server, LabLoadMachine machine, double idleCpuMsPerSecond)
    {
        var context = await session.NewContextAsync();
        var from = machine.Now;
        try
        {
            await context.AddInitScriptAsync(InteractiveProbe);
            var page = await context.NewPageAsync();
            var finished = new ConcurrentQueue<IRequest>();
            var started = 0;
            var ended = 0;
            var failed = 0;
            long wsIn = 0;
            page.Request += (_, _) => Interlocked.Increment(ref started);
            page.RequestFinished += (_, request) =>
            {
                finished.Enqueue(request);
                Interlocked.Increment(ref ended);
            };
            page.RequestFailed += (_, _) =>
            {
                Interlocked.Increment(ref failed);
                Interlocked.Increment(ref ended);
            };
            page.WebSocket += (_, ws) => ws.FrameReceived += (_, frame) => Interlocked.Add(ref wsIn, FrameBytes(frame));

            // The server's CPU time from the request to the circuit's interactive render: prerender,
            // static files, negotiate, circuit start and its renders. Unlike the wall time, it does not
            // grow with other processes' load (only with the server's own contention for caches).
            var cpu0 = server.CpuTime();
            var wall = Stopwatch.StartNew();
            await page.GotoAsync("lab", new PageGotoOptions { Timeout = WaitMs });
            await page.Locator(InteractiveSelector).WaitForAsync(new LocatorWaitForOptions { Timeout = WaitMs });
            var cpuMs = (server.CpuTime() - cpu0).TotalMilliseconds - (idleCpuMsPerSecond * wall.Elapsed.TotalSeconds);
            var wsUntilInteractive = Interlocked.Read(ref wsIn);
            var timings = await page.EvaluateAsync<double[]>(LoadTimings);

            // Let requests still in flight (a late font, the favicon) finish: quiet for 250 ms, at most 5 s.
            var quiet = Stopwatch.StartNew();
            var idleSince = Stopwatch.StartNew();
            while (quiet.Elapsed < TimeSpan.FromSeconds(5) && idleSince.ElapsedMilliseconds < 250)
            {
                if (Volatile.Read(ref started) != Volatile.Read(ref ended))
                {
                    idleSince.Restart();
                }

                await Task.Delay(25);
            }

            var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
            var resources = new List<LoadedResource>();
            foreach (var request in finished)
            {
                var sizes = await request.SizesAsync();
                var bytes = (long)sizes.ResponseBodySize + sizes.ResponseHeadersSize;
                var kind = KindOf(request.ResourceType);
                byKind[kind] = byKind.GetValueOrDefault(kind) + bytes;
                var encoding = await request.ResponseAsync() is { } response
                    ? await response.HeaderValueAsync("content-encoding") ?? ""
                    : "";
                var path = new Uri(request.Url).PathAndQuery;
                resources.Add(new LoadedResource(path, kind, LabLoadResources.GroupOf(path, kind), bytes, sizes.ResponseBodySize, encoding));
            }

            return new LoadSample(timings[0], timings[1], timings[2], timings[3], byKind, byKind.Values.Sum(), resources.Count, failed, resources,
                wsUntilInteractive, cpuMs, machine.Range(from, machine.Now));
        }
        finally
        {
            await CloseAsync(context);
        }
    }

    // ---- 2. fault click to DOM ------------------------------------------------------------------

    private static async Task<ClickResult> FaultClicksAsync(Session session, LabLoadMachine machine, int count)
    {
        var from = machine.Now;
        Console.WriteLine($"2. fault click -> DOM: {count} x (select P1, Crash P1, Recover P1) on one interactive /lab");
        var context = await session.NewContextAsync();
        try
        {
            var page = await session.OpenLabAsync(context);
            var node = page.Locator("g.node[data-node='P1'] .hit");
            var crash = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Crash P1", Exact = true });
            var recover = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Recover P1", Exact = true });
            var crashes = new List<double>();
            var recovers = new List<double>();
            var timeouts = 0;
            for (var i = 0; i < count; i++)
            {
                await node.ClickAsync();
                var down = await MeasureClickAsync(page, crash, down: true);
                var up = await MeasureClickAsync(page, recover, down: false);
                if (down < 0 || up < 0)
                {
                    timeouts++;
                    continue;
                }

                crashes.Add(down);
                recovers.Add(up);
            }

            Console.WriteLine($"   crash:   p50 {Ms(Percentile(crashes, 0.5))}, p95 {Ms(Percentile(crashes, 0.95))}, max {Ms(crashes.DefaultIfEmpty(double.NaN).Max())}, min {Ms(crashes.DefaultIfEmpty(double.NaN).Min())}");
            Console.WriteLine($"   recover: p50 {Ms(Percentile(recovers, 0.5))}, p95 {Ms(Percentile(recovers, 0.95))}, max {Ms(recovers.DefaultIfEmpty(double.NaN).Max())}, min {Ms(recovers.DefaultIfEmpty(double.NaN).Min())}");
            Console.WriteLine($"   first 5 crash samples (JIT warm-up shows here): {string.Join(", ", crashes.Take(5).Select(Ms))}");
            var load = machine.Range(from, machine.Now);
            Console.WriteLine($"   {load}");
            if (timeouts > 0)
            {
                Console.WriteLine($"   {timeouts} of {count} iterations timed out (10 s) and are left out");
            }

            Console.WriteLine();
            return new ClickResult(crashes, recovers, timeouts, load);
        }
        finally
        {
            await CloseAsync(context);
        }
    }

    private static async Task<double> MeasureClickAsync(IPage page, ILocator button, bool down)
    {
        await page.EvaluateAsync(ArmNodeProbe, new { node = "P1", down });
        await button.ClickAsync();
        return await page.EvaluateAsync<double>("() => window.__labLatency");
    }

    // ---- 3. memory per circuit -------------------------------------------------------------------

    private static async Task<MemoryResult> MemoryPerCircuitAsync(Session session, LabLoadServer server, LabLoadMachine machine, int circuits)
    {
        var from = machine.Now;
        Console.WriteLine($"3. server memory per Lab circuit: {circuits} pages on /lab, each in its own context");
        var before = await MeasureServerAsync(server, "before");
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        try
        {
            var opening = Stopwatch.StartNew();
            for (var i = 0; i < circuits; i++)
            {
                var context = await session.NewContextAsync();
                contexts.Add(context);
                pages.Add(await session.OpenLabAsync(context));
            }

            Console.WriteLine($"   {circuits} circuits interactive after {opening.Elapsed.TotalSeconds:0.0} s");
            var open = await MeasureServerAsync(server, $"{circuits} open");

            var playing = Stopwatch.StartNew();
            foreach (var page in pages)
            {
                await page.Locator(SpeedSelector).EvaluateAsync(SetSpeedTo10x);
                await Assertions.Expect(page.GetByTestId("speed")).ToHaveTextAsync("10x", new LocatorAssertionsToHaveTextOptions { Timeout = WaitMs });
                await page.GetByTestId("play").ClickAsync();
            }

            foreach (var page in pages)
            {
                // A finished run disables Play.
                await Assertions.Expect(page.GetByTestId("play")).ToBeDisabledAsync(new LocatorAssertionsToBeDisabledOptions { Timeout = WaitMs });
            }

            Console.WriteLine($"   {circuits} runs played to their end at 10x after {playing.Elapsed.TotalSeconds:0.0} s");
            var played = await MeasureServerAsync(server, $"{circuits} played");
            PrintMemory(before, open, played, circuits);
            var load = machine.Range(from, machine.Now);
            Console.WriteLine($"   {load}");
            Console.WriteLine();
            return new MemoryResult(circuits, before, open, played, load);
        }
        finally
        {
            foreach (var context in contexts)
            {
                await CloseAsync(context);
            }
        }
    }

    /// <summary>
    /// Five OS readings 200 ms apart (their median), then a forced full GC in the server and the managed
    /// heap it leaves, then five more readings.
    /// </summary>
    private static async Task<MemorySnapshot> MeasureServerAsync(LabLoadServer server, string label)
    {
        async Task<MemoryReading> ReadAsync()
        {
            var readings = new List<MemoryReading>();
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(200);
                readings.Add(server.ReadMemory());
            }

            return MemoryReading.Median(readings);
        }

        var process = await ReadAsync();
        var heap = await Task.Run(() => LabLoadHeap.CollectAndMeasure(server.ProcessId, TimeSpan.FromSeconds(15)));
        var afterGc = await ReadAsync();
        Console.WriteLine($"   {label,-12} RSS {Mb(process.WorkingSet)}, private {Mb(process.PrivateBytes)}, RssAnon {Mb(process.RssAnon)}; " +
            $"full GC: managed heap {(heap is { } h ? Mb(h) : "n/a")}, then RSS {Mb(afterGc.WorkingSet)}, RssAnon {Mb(afterGc.RssAnon)}");
        return new MemorySnapshot(process, heap, afterGc);
    }

    private static void PrintMemory(MemorySnapshot before, MemorySnapshot open, MemorySnapshot played, int circuits)
    {
        Console.WriteLine($"   per circuit           {"idle",-22} {"run played",-22}");
        Line("managed heap after GC", s => s.HeapAfterGc ?? double.NaN);
        Line("RSS (working set)", s => s.Process.WorkingSet);
        Line("RssAnon", s => s.Process.RssAnon);
        Line("private bytes", s => s.Process.PrivateBytes);
        Line("RSS after the GC", s => s.ProcessAfterGc.WorkingSet);

        void Line(string name, Func<MemorySnapshot, double> of) =>
            Console.WriteLine($"   {name,-21} {Mb((of(open) - of(before)) / circuits),-22} {Mb((of(played) - of(before)) / circuits),-22}");
    }

    // ---- 4. render rate at 10x -------------------------------------------------------------------

    private static async Task<RenderResult> RenderRateAsync(Session session, LabLoadServer server, LabLoadMachine machine, double seconds)
    {
        var from = machine.Now;
        Console.WriteLine($"4. render rate at 10x: /lab?scenario={BlockedScenario}, Play, {seconds:0.#} s");
        var context = await session.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            var framesIn = 0;
            var framesOut = 0;
            long bytesIn = 0;
            long bytesOut = 0;
            var sizes = new ConcurrentQueue<long>();
            page.WebSocket += (_, ws) =>
            {
                ws.FrameReceived += (_, frame) =>
                {
                    var size = FrameBytes(frame);
                    Interlocked.Increment(ref framesIn);
                    Interlocked.Add(ref bytesIn, size);
                    sizes.Enqueue(size);
                };
                ws.FrameSent += (_, frame) =>
                {
                    Interlocked.Increment(ref framesOut);
                    Interlocked.Add(ref bytesOut, FrameBytes(frame));
                };
            };
            await page.GotoAsync($"lab?scenario={BlockedScenario}", new PageGotoOptions { Timeout = WaitMs });
            await page.Locator(InteractiveSelector).WaitForAsync(new LocatorWaitForOptions { Timeout = WaitMs });
            await page.Locator(SpeedSelector).EvaluateAsync(SetSpeedTo10x);
            await Assertions.Expect(page.GetByTestId("speed")).ToHaveTextAsync("10x", new LocatorAssertionsToHaveTextOptions { Timeout = WaitMs });
            await page.EvaluateAsync(ArmClockCounter);

            var in0 = Volatile.Read(ref framesIn);
            var out0 = Volatile.Read(ref framesOut);
            var bytesIn0 = Interlocked.Read(ref bytesIn);
            var bytesOut0 = Interlocked.Read(ref bytesOut);
            sizes.Clear();
            var cpu0 = server.CpuTime();
            var window = Stopwatch.StartNew();
            await page.GetByTestId("play").ClickAsync();
            // The measurement window itself: the run plays while the page and Playwright count.
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var clock = await page.EvaluateAsync<double[]>(ReadClockCounter);
            var elapsed = window.Elapsed.TotalSeconds;
            var cpu = server.CpuTime() - cpu0;
            var markup = await page.EvaluateAsync<double[]>(ReadMarkupSizes);
            var result = new RenderResult(machine.Range(from, machine.Now), elapsed, (int)clock[0], (long)clock[1], (long)clock[2],
                Volatile.Read(ref framesIn) - in0, Interlocked.Read(ref bytesIn) - bytesIn0,
                Volatile.Read(ref framesOut) - out0, Interlocked.Read(ref bytesOut) - bytesOut0, cpu);
            // The run may have paused itself at a standstill (blocked: only a recovery moves it on).
            if (await page.GetByTestId("pause").IsVisibleAsync())
            {
                await page.GetByTestId("pause").ClickAsync();
            }

            Console.WriteLine($"   {elapsed:0.00} s: clock {result.TickFrom} -> {result.TickTo} ms of protocol time ({N((result.TickTo - result.TickFrom) / elapsed)} ticks/s; 10x is 250)");
            Console.WriteLine($"   clock text changes {result.Renders} ({N(result.Renders / elapsed)}/s); websocket in {result.FramesReceived} frames ({N(result.FramesReceived / elapsed)}/s), {Kb(result.BytesReceived)} ({Kb(result.BytesReceived / elapsed)}/s, {N(result.BytesReceived / (double)Math.Max(1, result.FramesReceived), "#,0")} bytes/frame)");
            var inWindow = sizes.ToArray();
            var firstAndLast = Math.Min(20, inWindow.Length / 2);
            Console.WriteLine($"   frame size: first {firstAndLast} frames {N(inWindow.Take(firstAndLast).DefaultIfEmpty().Average(), "#,0")} bytes on average, last {firstAndLast} {N(inWindow.TakeLast(firstAndLast).DefaultIfEmpty().Average(), "#,0")}, largest {N(inWindow.DefaultIfEmpty().Max(), "#,0")}");
            Console.WriteLine($"   at the end: space-time diagram markup {N(markup[0], "#,0")} characters, whole Lab markup {N(markup[1], "#,0")} characters");
            Console.WriteLine($"   websocket out {result.FramesSent} frames ({N(result.FramesSent / elapsed)}/s), {Kb(result.BytesSent)}; server CPU {cpu.TotalMilliseconds:0} ms ({N(result.ServerCorePercent)} % of one core); {result.Load}");
            return result;
        }
        finally
        {
            await CloseAsync(context);
        }
    }
}
