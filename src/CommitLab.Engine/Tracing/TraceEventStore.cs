using System.Collections;

namespace CommitLab.Engine.Tracing;

/// <summary>
/// Where a trace keeps its events: fixed chunks of 1,024 rather than one growing array. A list that
/// doubles holds up to twice what it needs, copies everything on each growth, and past 85 KB lives on
/// the large-object heap, which a server gives back late or never; chunks of 64 KB cost exactly one
/// entry per event (plus at most one part-filled chunk) and are ordinary, collectable objects. Only the
/// first chunk grows (from 64 entries, doubling), so a run of a few dozen events allocates 4 KB for
/// its trace rather than 64 KB.
/// </summary>
internal sealed class TraceEventStore : IReadOnlyList<TraceEvent>
{
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<TraceEvent[]> chunks = new();

    public int Count { get; private set; }

    public TraceEvent this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the trace has {Count} events");
            }

            return chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    /// <summary>The first chunk starts this small and doubles up to a full chunk, so a short run does not pay for 1,024 entries.</summary>
    private const int FirstChunkStart = 64;

    public void Add(in TraceEvent e)
    {
        if (Count == 0)
        {
            chunks.Add(new TraceEvent[FirstChunkStart]);
        }
        else if ((Count & ChunkMask) == 0)
        {
            chunks.Add(new TraceEvent[ChunkSize]);
        }
        else if (Count < ChunkSize && Count == chunks[0].Length)
        {
            var grown = new TraceEvent[Count * 2];
            chunks[0].CopyTo(grown, 0);
            chunks[0] = grown;
        }

        chunks[Count >> ChunkShift][Count & ChunkMask] = e;
        Count++;
    }

    public IEnumerator<TraceEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return chunks[i >> ChunkShift][i & ChunkMask];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
