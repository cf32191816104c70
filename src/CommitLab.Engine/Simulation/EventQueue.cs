namespace CommitLab.Engine.Simulation;

/// <summary>What a queued simulator event does.</summary>
internal enum EventKind : byte
{
    Deliver,
    Timer,
    Continue,
    Fault,
    DetectorCheck,
    Notify,
    Unfreeze,
}

/// <summary>
/// One scheduled event. Ordered by (tick, sequence): the sequence number breaks ties in scheduling
/// order, which is what makes runs deterministic. No reference in it, so the heap's array is not
/// scanned by the garbage collector and moving an entry needs no write barrier: <see cref="Slot"/>
/// indexes what a reference would have pointed to (a delivery's message slot, a fault's place in
/// the schedule).
/// </summary>
/// <remarks>
/// 32 bytes, so that every move in the heap copies two 16-byte halves: tick and sequence share one
/// word (<see cref="Key"/>, tick in the high half), which also makes the heap's comparison a single
/// one. Ticks stay below 2^32 (the scenario bounds time and every delay) and a run schedules fewer
/// than 2^32 events; <see cref="EventQueue.Push"/> asserts both. <see cref="A"/> is the wide
/// argument (a message id, a timer's or the detector's generation, a crash epoch), <see cref="B"/>
/// the narrow one (a message version, a timer kind, a detector target, which half of a forced write).
/// </remarks>
internal readonly struct ScheduledEvent(ulong key, EventKind kind, int node, long a, int b, int slot)
{
    public readonly ulong Key = key;
    public readonly long A = a;
    public readonly int B = b;
    public readonly int Slot = slot;
    public readonly int Node = node;
    public readonly EventKind Kind = kind;

    public long Tick => (long)(Key >> 32);

    public long Seq => (long)(uint)Key;
}

/// <summary>A binary min-heap of events. Hand-rolled because it sits on the hot path of every run.</summary>
internal sealed class EventQueue
{
    /// <summary>More pending events than this means a runaway run; refuse rather than eat memory.</summary>
    public const int Capacity = 1_000_000;

    // Starts small (a fault-free run of a few nodes rarely has more than a dozen events pending) and doubles.
    private ScheduledEvent[] heap;
    private long nextSeq;
    /// <summary>The least key the next event may have: one past the last taken (keys are unique).</summary>
    private ulong nextAllowed;

    /// <param name="initialCapacity">Room before the first doubling: the run's start queues about two events per node.</param>
    public EventQueue(int initialCapacity = 16)
    {
        heap = new ScheduledEvent[Math.Max(4, initialCapacity)];
    }

    public int Count { get; private set; }

    /// <summary>Empties the queue for another run, keeping its array (entries hold no references, so nothing is cleared).</summary>
    public void Reset()
    {
        Count = 0;
        nextSeq = 0;
        nextAllowed = 0;
    }

    /// <summary>The earliest event, where it lies: valid until the queue next changes.</summary>
    public ref readonly ScheduledEvent Peek() => ref heap[0];

    public void Push(long tick, EventKind kind, int node, long a = 0, int b = 0, int slot = 0)
    {
        if (Count >= Capacity)
        {
            throw new InvalidOperationException($"The run has more than {Capacity:N0} pending events; it is refused to protect the server.");
        }

        EngineInvariantException.Check((ulong)tick <= uint.MaxValue && nextSeq <= uint.MaxValue, "an event's tick and sequence must fit 32 bits each; tick, sequence", tick, nextSeq);

        if (Count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        var item = new ScheduledEvent(((ulong)tick << 32) | (ulong)nextSeq++, kind, node, a, b, slot);
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(item, heap[parent]))
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = item;
    }

    /// <summary>
    /// Takes the earliest event. Asserts that events come out in strictly increasing (tick, sequence)
    /// order: nothing may be scheduled before an event already processed, or time would go back.
    /// </summary>
    public ScheduledEvent Pop()
    {
        var top = heap[0];
        EngineInvariantException.Check(
            top.Key >= nextAllowed,
            "events must leave the queue in increasing (tick, sequence) order; got tick, sequence", top.Tick, top.Seq);
        nextAllowed = top.Key + 1;
        var last = heap[--Count]; // the slot it leaves is not cleared: entries hold no references
        if (Count > 0)
        {
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= Count)
                {
                    break;
                }

                if (child + 1 < Count && Less(heap[child + 1], heap[child]))
                {
                    child++;
                }

                if (!Less(heap[child], last))
                {
                    break;
                }

                heap[i] = heap[child];
                i = child;
            }

            heap[i] = last;
        }

        return top;
    }

    private static bool Less(in ScheduledEvent a, in ScheduledEvent b) => a.Key < b.Key;
}
