using System.Numerics;

namespace CommitLab.Engine.Exploration;

/// <summary>
/// The explorer's visited set: an open-addressed hash table of fingerprints that several threads
/// insert into at once (a compare-and-swap claims a slot), each entry remembering the fingerprint of
/// its parent on a shortest path and its breadth-first depth. It only grows between batches, when no
/// thread is inserting (<see cref="Grow"/>). Fingerprint 0 marks an empty slot, so callers never
/// store it (<see cref="NonZero"/>).
/// </summary>
internal sealed class FingerprintTable
{
    /// <summary>24 bytes a state: the whole per-state cost of the search, apart from the frontiers.</summary>
    public const int BytesPerSlot = 24;

    private const double MaxLoad = 0.75;

    private Slot[] slots;
    private long count;

    public FingerprintTable(long expected)
    {
        slots = new Slot[CapacityFor(expected)];
    }

    public long Count => Volatile.Read(ref count);

    public long Capacity => slots.LongLength;

    public long Bytes => slots.LongLength * BytesPerSlot;

    /// <summary>How many entries fit before the table must grow.</summary>
    public long Room => (long)(slots.LongLength * MaxLoad) - Count;

    public static ulong NonZero(ulong fingerprint) => fingerprint == 0 ? 0x8000_0000_0000_0001UL : fingerprint;

    /// <summary>Finds or claims the slot of <paramref name="fingerprint"/>; <paramref name="claimed"/> is true for the one caller that added it, which must then <see cref="Publish"/> it.</summary>
    public int Claim(ulong fingerprint, out bool claimed)
    {
        var table = slots;
        var mask = table.Length - 1;
        var i = (int)(fingerprint & (ulong)mask);
        while (true)
        {
            var key = Volatile.Read(ref table[i].Key);
            if (key == fingerprint)
            {
                claimed = false;
                return i;
            }

            if (key == 0)
            {
                var seen = Interlocked.CompareExchange(ref table[i].Key, fingerprint, 0);
                if (seen == 0)
                {
                    Interlocked.Increment(ref count);
                    claimed = true;
                    return i;
                }

                if (seen == fingerprint)
                {
                    claimed = false;
                    return i;
                }
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Records a newly claimed state's parent (0 for an initial state) and depth, and makes it visible to other threads.</summary>
    public void Publish(int slot, ulong parent, int depth)
    {
        slots[slot].Parent = parent;
        Volatile.Write(ref slots[slot].Depth, depth);
    }

    /// <summary>
    /// Another parent reached an already-claimed state. If the state is new on the same level, the
    /// smallest parent fingerprint wins, so the shortest path kept does not depend on which thread
    /// got there first.
    /// </summary>
    public void OfferParent(int slot, ulong parent, int depth)
    {
        var spinner = new SpinWait();
        int published;
        while ((published = Volatile.Read(ref slots[slot].Depth)) == 0)
        {
            spinner.SpinOnce();
        }

        if (published != depth)
        {
            return;
        }

        var current = Volatile.Read(ref slots[slot].Parent);
        while (parent < current)
        {
            var seen = Interlocked.CompareExchange(ref slots[slot].Parent, parent, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>The parent fingerprint of a stored state, 0 for an initial state; only when no thread is inserting.</summary>
    public ulong ParentOf(ulong fingerprint)
    {
        var mask = slots.Length - 1;
        for (var i = (int)(fingerprint & (ulong)mask); ; i = (i + 1) & mask)
        {
            if (slots[i].Key == fingerprint)
            {
                return slots[i].Parent;
            }

            if (slots[i].Key == 0)
            {
                throw new InvalidOperationException("the explorer lost a state it had stored: a bug in the explorer");
            }
        }
    }

    /// <summary>Doubles the table until <paramref name="needed"/> more entries fit; only when no thread is inserting. Returns the bytes both tables held at once.</summary>
    public long Grow(long needed)
    {
        var capacity = CapacityFor(Count + needed);
        if (capacity <= slots.Length)
        {
            return Bytes;
        }

        var old = slots;
        var fresh = new Slot[capacity];
        var mask = fresh.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key == 0)
            {
                continue;
            }

            var i = (int)(slot.Key & (ulong)mask);
            while (fresh[i].Key != 0)
            {
                i = (i + 1) & mask;
            }

            fresh[i] = slot;
        }

        slots = fresh;
        return (old.LongLength + fresh.LongLength) * BytesPerSlot;
    }

    private static int CapacityFor(long entries)
    {
        var wanted = (long)Math.Ceiling(Math.Max(entries, 16) / MaxLoad);
        if (wanted > 1 << 30)
        {
            throw new InvalidOperationException($"{entries:N0} states do not fit in one table; lower the state limit");
        }

        return (int)BitOperations.RoundUpToPowerOf2((uint)wanted);
    }

    private struct Slot
    {
        public ulong Key;
        public ulong Parent;
        public int Depth;
    }
}
