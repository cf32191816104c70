using System.Diagnostics.Tracing;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>alloc-profile</c>: which types a run allocates, sampled in-process from the runtime's
/// GCAllocationTick events (one about every 100 KB allocated, naming the type that crossed the mark),
/// so the sampled bytes per type are proportional to what the engine really allocates. No external
/// profiler needed. Profiled apart: whole fault-free runs of 3PC n = 3 and 2PC n = 9, stepping a long run to one event short of its end (so it never finishes and never hashes), hashing
/// its finished trace, and a batch of fuzz runs end to end.
/// </summary>
public static class AllocationProfile
{
    public static int Run()
    {
        var blocked = Workloads.BlockedTwoPhase(3);
        var finished = Simulator.Create(blocked);
        finished.RunToEnd();
        var fuzzBase = Workloads.FuzzBase(DetectorKind.Timeout);

        foreach (var (name, scenario) in new[] { ("3pc n=3", Workloads.FaultFree(ProtocolKind.ThreePhase, 3)), ("2pc n=9", Workloads.FaultFree(ProtocolKind.TwoPhase, 9)) })
        {
            Profile($"{name} fault-free: whole runs (Create, RunToEnd, result and hash), 1,000 a repetition", () =>
            {
                long events = 0;
                for (var i = 0; i < 1_000; i++)
                {
                    events += Simulator.Create(scenario).RunToEnd().Events;
                }

                return events;
            });
        }

        // One event short of the end: the run does not finish, so no result and no trace hash.
        var stepsOnly = finished.Events - 1;
        Profile($"2pc n=3 blocked: Create + RunUntilEvent({stepsOnly:N0}), no finish, no hash", () =>
        {
            var sim = Simulator.Create(blocked);
            sim.RunUntilEvent(stepsOnly);
            return sim.Events;
        });
        Profile($"Trace.Hash() of that run's finished trace ({finished.Trace.Count:N0} entries)", () =>
        {
            _ = finished.Trace.Hash();
            return 0;
        });
        Profile("fuzz: 3pc n=4, timeout detector, all fault kinds, 100 seeds, end to end", () =>
        {
            long events = 0;
            for (var i = 0; i < FuzzThroughput.Batch; i++)
            {
                events += Simulator.Create(Workloads.Fuzz(fuzzBase, Workloads.FuzzSeed + (ulong)i, Workloads.AllFaultKinds)).RunToEnd().Events;
            }

            return events;
        });
        return 0;
    }

    private static void Profile(string title, Func<long> work)
    {
        // Warm up first so JIT allocations stay out of the samples.
        for (var i = 0; i < 5; i++)
        {
            work();
        }

        using var listener = new AllocationListener();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var repetitions = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 2)
        {
            work();
            repetitions++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var samples = listener.Take();
        var sampled = samples.Values.Sum();
        Console.WriteLine($"{title}");
        Console.WriteLine($"  {repetitions} repetitions, {(allocated / (double)repetitions / 1024).ToString("N1", CultureInfo.InvariantCulture)} KB allocated each; share of sampled bytes by type:");
        foreach (var (type, bytes) in samples.OrderByDescending(pair => pair.Value).Take(12))
        {
            Console.WriteLine($"  {(100.0 * bytes / sampled).ToString("0.0", CultureInfo.InvariantCulture),6}%  {type}");
        }

        Console.WriteLine();
    }

    private sealed class AllocationListener : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly Dictionary<string, long> bytes = new(StringComparer.Ordinal);
        private readonly Lock gate = new();

        public Dictionary<string, long> Take()
        {
            // Runtime events reach listeners asynchronously; give the last ones a moment to arrive.
            Thread.Sleep(500);
            lock (gate)
            {
                return new Dictionary<string, long>(bytes, StringComparer.Ordinal);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.PayloadNames.IndexOf("TypeName");
            var amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
            if (type < 0 || amount < 0)
            {
                return;
            }

            var name = eventData.Payload[type] as string ?? "?";
            var size = Convert.ToInt64(eventData.Payload[amount], CultureInfo.InvariantCulture);
            lock (gate)
            {
                bytes[name] = bytes.GetValueOrDefault(name) + size;
            }
        }
    }
}
