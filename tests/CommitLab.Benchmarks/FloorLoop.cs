namespace CommitLab.Benchmarks;

/// <summary>
/// The floor under any discrete-event simulator of message passing, ported from the shared
/// <c>bareloop</c> program so it runs in the same process as the engine: a (tick, sequence) priority
/// queue, a xoshiro256** latency draw, one state update, one trace record and one message scheduled
/// per event. Nothing a real engine can skip, so the engine's events/s divided into this one's is its
/// overhead. Kept line for line with bareloop's <c>Program.cs</c>, so the two can be compared.
/// </summary>
public sealed class FloorLoop(int eventsPerRun, int nodes)
{
    private ulong s0 = 0x9E3779B97F4A7C15, s1 = 0xBF58476D1CE4E5B9, s2 = 0x94D049BB133111EB, s3 = 0x2545F4914F6CDD1D;

    public int EventsPerRun { get; } = eventsPerRun;

    public int Nodes { get; } = nodes;

    private ulong Next()
    {
        ulong r = ulong.RotateLeft(s1 * 5, 7) * 9, t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return r;
    }

    /// <summary>One run; returns its event count (as bareloop does, the trace is built and kept until the end).</summary>
    public long Run()
    {
        var q = new PriorityQueue<(int From, int To, int Kind), (long Tick, long Seq)>();
        var trace = new List<(long Tick, int From, int To, int Kind)>(64);
        var state = new int[Nodes];
        long seq = 0;
        for (var i = 1; i < Nodes; i++)
        {
            q.Enqueue((0, i, 0), (20 + (long)(Next() % 20), seq++));
        }

        long n = 0;
        while (q.TryDequeue(out var m, out var at) && n < EventsPerRun)
        {
            n++;
            state[m.To] = (state[m.To] * 31) + m.Kind + 1;
            trace.Add((at.Tick, m.From, m.To, m.Kind));
            q.Enqueue((m.To, m.From, m.Kind + 1), (at.Tick + 20 + (long)(Next() % 20), seq++));
        }

        return n + trace.Count - trace.Count;
    }
}
