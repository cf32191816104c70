using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// A message on the wire: a first-class thing with an id, so the UI can draw it and a user can drop
/// or delay it. <see cref="Version"/> invalidates an older delivery event when it is delayed. A struct
/// in <see cref="InFlightTable"/>'s slots, so sending a message allocates nothing.
/// </summary>
internal struct InFlightMessage
{
    /// <summary>The message's id; 0 marks a free slot (ids start at 1).</summary>
    public long Id;

    public Message Message;

    public long SentAt;

    public long DeliverAt;

    /// <summary>The network lost it at send time; it vanishes when it would have arrived.</summary>
    public bool Lost;

    public int Version;
}

/// <summary>
/// The messages in flight, in reused slots. A delivery event names its slot, so the hot path finds
/// its message by index; finding one by id (a fault dropping or delaying message #7, the explorer)
/// walks the slots, which is rare and short (only messages in flight occupy them).
/// </summary>
internal sealed class InFlightTable
{
    private InFlightMessage[] slots;
    private int[] free;
    private int freeCount;
    private int used;

    /// <param name="initialCapacity">Slots before the first doubling: a run's first round sends about one message per node.</param>
    public InFlightTable(int initialCapacity = 8)
    {
        slots = new InFlightMessage[Math.Max(4, initialCapacity)];
        free = new int[Math.Max(4, initialCapacity)];
    }

    public int Count { get; private set; }

    /// <summary>Empties the table for another run, keeping its arrays (the slots in use are cleared: they may hold a message body).</summary>
    public void Reset()
    {
        Array.Clear(slots, 0, used);
        used = 0;
        freeCount = 0;
        Count = 0;
    }

    /// <summary>Slots ever used: every message in flight is at an index below this.</summary>
    public int Extent => used;

    public ref InFlightMessage this[int slot] => ref slots[slot];

    public int Add(long id, in Message message, long sentAt, long deliverAt, bool lost)
    {
        int slot;
        if (freeCount > 0)
        {
            slot = free[--freeCount];
        }
        else
        {
            if (used == slots.Length)
            {
                Array.Resize(ref slots, slots.Length * 2);
            }

            slot = used++;
        }

        ref var m = ref slots[slot];
        m.Id = id;
        m.Message = message;
        m.SentAt = sentAt;
        m.DeliverAt = deliverAt;
        m.Lost = lost;
        m.Version = 0;
        Count++;
        return slot;
    }

    /// <summary>Whether a delivery event for message <paramref name="id"/> at <paramref name="version"/> still stands.</summary>
    public bool IsCurrent(int slot, long id, long version) => (uint)slot < (uint)used && slots[slot].Id == id && slots[slot].Version == version;

    public void Remove(int slot)
    {
        slots[slot] = default;
        if (freeCount == free.Length)
        {
            Array.Resize(ref free, free.Length * 2);
        }

        free[freeCount++] = slot;
        Count--;
    }

    /// <summary>The slot of message <paramref name="id"/>, or -1 when it is not in flight.</summary>
    public int Find(long id)
    {
        for (var slot = 0; slot < used; slot++)
        {
            if (slots[slot].Id == id && id != 0)
            {
                return slot;
            }
        }

        return -1;
    }
}
