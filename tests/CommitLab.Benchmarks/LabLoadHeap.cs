using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CommitLab.Benchmarks;

/// <summary>
/// A full, blocking GC in the server process, from outside, and the managed heap size it leaves:
/// the diagnostics IPC channel every .NET process opens (what dotnet-gcdump uses). An EventPipe
/// session with the runtime's GCHeapCollect keyword makes the runtime collect all generations; the
/// GC keyword then reports GCHeapStats, whose TotalHeapSize is the live managed heap (gen 0..2, large
/// and pinned object heaps) right after that collection. The packages come with BenchmarkDotNet.
/// </summary>
internal static class LabLoadHeap
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    /// <summary>The managed heap after a forced gen-2 GC, in bytes, or null if the runtime did not answer in time.</summary>
    public static long? CollectAndMeasure(int processId, TimeSpan timeout)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        var provider = new EventPipeProvider(RuntimeProvider, EventLevel.Informational, keywords);
        using var session = client.StartEventPipeSession(provider, requestRundown: false, circularBufferMB: 16);
        using var source = new EventPipeEventSource(session.EventStream);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawFullGc = false;
        source.Clr.GCStart += e => sawFullGc |= e.Depth == 2;
        source.Clr.GCHeapStats += e =>
        {
            if (sawFullGc)
            {
                heap.TrySetResult(e.TotalHeapSize);
            }
        };

        var reading = Task.Run(() =>
        {
            try
            {
                source.Process();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The session was stopped underneath the reader; nothing more to read.
            }
        });

        var answered = heap.Task.Wait(timeout);
        try
        {
            session.Stop();
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException)
        {
            // The process is gone or busy; the reader below is bounded either way.
        }

        reading.Wait(TimeSpan.FromSeconds(5));
        return answered ? heap.Task.Result : null;
    }
}
