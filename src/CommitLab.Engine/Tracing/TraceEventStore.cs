using System.Collections;
using System.Numerics;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Tracing;

/// <summary>
/// Where a trace keeps its events: compact 32-byte <see cref="TraceRecord"/>s in chunks that are never
/// copied, read back as <see cref="TraceEvent"/>s on demand. The first chunks grow (32, 64, ... 512
/// entries) so a run of a few dozen events allocates about 1 KB for its trace; from entry 992 on every
/// chunk holds 1,024 (32 KB), so memory per event does not depend on how long the run is, nothing is
/// copied as the trace grows, and no chunk reaches the large-object heap.
/// </summary>
internal sealed class TraceEventStore : IReadOnlyList<TraceEvent>
{
    private const int FirstShift = 5;
    private const int First = 1 << FirstShift;
    private const int FullShift = 10;
    private const int Full = 1 << FullShift;

    /// <summary>Entries held by the growing chunks together (32 + 64 + ... + 512).</summary>
    private const int Growing = Full - First;

    private readonly List<TraceRecord[]> chunks = new();
    private readonly List<TraceExtra> extras = new();
    private TraceRecord[] current = [];
    private int currentStart;

    /// <summary>Chunks in use; those after them are kept from an earlier run of a recycled store (<see cref="Reset"/>).</summary>
    private int chunksUsed;
    private long lastTick;
    private long lastStep;

    public int Count { get; private set; }

    public TraceEvent this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the trace has {Count} events");
            }

            ref readonly var record = ref Record(index);
            var extra = record.Extra;
            return extra == 0 ? record.Unpack(index, null, default) : record.Unpack(index, extras[extra - 1].Text, extras[extra - 1].Slot);
        }
    }

    /// <summary>The last entry's tick and step (zero when empty), for the trace's order checks.</summary>
    public (long Tick, long Step) Last => (lastTick, lastStep);

    /// <summary>Stores <paramref name="e"/> (its <see cref="TraceEvent.Index"/> is ignored: it is the position).</summary>
    public void Add(in TraceEvent e)
    {
        var extra = e.Text is not null || e.Slot.IsPaxos ? AddExtra(e.Text, e.Slot) : 0;
        Add(TraceRecord.Pack(e, extra), e.Tick, e.Step);
    }

    /// <summary>Stores a message's send, delivery or loss from its fields (<see cref="Trace.AppendMessage"/>).</summary>
    public void AddMessage(TraceKind kind, long tick, long step, int node, int peer, long id, in Message m, long value, DropReason reason, string? text)
    {
        var extra = text is not null || m.Slot.IsPaxos ? AddExtra(text, m.Slot) : 0;
        Add(TraceRecord.Pack(tick, step, kind, node, peer, id, m.Kind, m.Decision, m.State, LogRecordKind.Prepared, false, TimerKind.Vote, reason, value, extra), tick, step);
    }

    /// <summary>
    /// Keeps an entry's text or Paxos slot in the side list and returns where (plus one). Apart from
    /// its callers so that their usual path, with neither, does not clear stack room for the pair.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private int AddExtra(string? text, PaxosSlot slot)
    {
        extras.Add(new TraceExtra(text, slot));
        return extras.Count;
    }

    private void Add(in TraceRecord record, long tick, long step)
    {
        var at = Count - currentStart;
        if (at == current.Length)
        {
            // Not cleared: only entries below Count are ever read, and clearing fresh memory was a
            // tenth of a short run. (The runtime still clears chunks under 2 KB, where it is cheap.)
            if (chunksUsed < chunks.Count)
            {
                current = chunks[chunksUsed]; // kept from a recycled run: the same size, by the same rule
            }
            else
            {
                current = GC.AllocateUninitializedArray<TraceRecord>(Count < Growing ? First << chunks.Count : Full);
                chunks.Add(current);
            }

            chunksUsed++;
            currentStart = Count;
            at = 0;
        }

        current[at] = record;
        lastTick = tick;
        lastStep = step;
        Count++;
    }

    /// <summary>
    /// Empties the store for another run and keeps its chunks (up to <paramref name="keepEntries"/>
    /// entries' worth), so a thread running many short runs reuses one trace's memory. Only for a
    /// store no reader can still reach (see <see cref="Simulation.Simulator.Run"/>).
    /// </summary>
    public void Reset(int keepEntries)
    {
        var kept = 0;
        var capacity = 0;
        while (kept < chunks.Count && capacity < keepEntries)
        {
            capacity += chunks[kept].Length;
            kept++;
        }

        chunks.RemoveRange(kept, chunks.Count - kept);
        extras.Clear();
        current = [];
        currentStart = 0;
        chunksUsed = 0;
        lastTick = 0;
        lastStep = 0;
        Count = 0;
    }

    /// <summary>The compact entry at <paramref name="index"/> (unchecked: callers stay below <see cref="Count"/>).</summary>
    public ref readonly TraceRecord Record(int index)
    {
        if (index < Growing)
        {
            var v = index + First;
            var k = BitOperations.Log2((uint)v) - FirstShift;
            return ref chunks[k][v - (First << k)];
        }

        var j = index - Growing;
        return ref chunks[(FullShift - FirstShift) + (j >> FullShift)][j & (Full - 1)];
    }

    /// <summary>
    /// The entries from <paramref name="index"/> (below <see cref="Count"/>) to the end of its chunk or
    /// of the trace, whichever comes first: for a reader of many entries in order (the trace hash),
    /// which then finds each chunk once rather than each entry's.
    /// </summary>
    public ReadOnlySpan<TraceRecord> RecordsFrom(int index)
    {
        int chunk, at;
        if (index < Growing)
        {
            var v = index + First;
            chunk = BitOperations.Log2((uint)v) - FirstShift;
            at = v - (First << chunk);
        }
        else
        {
            var j = index - Growing;
            chunk = (FullShift - FirstShift) + (j >> FullShift);
            at = j & (Full - 1);
        }

        var records = chunks[chunk];
        return records.AsSpan(at, Math.Min(records.Length - at, Count - index));
    }

    /// <summary>The text and Paxos slot an entry points to (<see cref="TraceRecord.Extra"/>, which is 1 or more).</summary>
    public TraceExtra ExtraOf(int extra) => extras[extra - 1];

    public IEnumerator<TraceEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
