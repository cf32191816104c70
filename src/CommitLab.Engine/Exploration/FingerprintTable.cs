using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace CommitLab.Engine.Exploration;

/// <summary>
/// The explorer's visited set: an open-addressed hash table of fingerprints that several threads
/// insert into at once (a compare-and-swap claims a slot), each entry remembering its parent on a
/// shortest path and its breadth-first depth. It only grows between batches, when no thread is
/// inserting (<see cref="Grow"/>). Fingerprint 0 marks an empty slot, so callers never store it
/// (<see cref="NonZero"/>).
/// <para>
/// A slot is 16 bytes, four to a cache line: the fingerprint, and one word holding the depth in its
/// top 16 bits and the low 48 bits of the parent's fingerprint below. The table is indexed by the
/// low bits of a fingerprint, so 48 bits are enough to find the parent again
/// (<see cref="ParentOf"/>); the explorer then replays the path through the model, which would
/// notice a wrong parent. With depth on top, comparing two words of the same depth compares parents.
/// </para>
/// </summary>
internal sealed unsafe class FingerprintTable : IDisposable
{
    /// <summary>16 bytes a slot: the whole per-state cost of the search (over the load factor), apart from the frontiers.</summary>
    public const int BytesPerSlot = 16;

    /// <summary>The deepest level a slot can record.</summary>
    public const int MaxDepth = ushort.MaxValue;

    private const ulong ParentBits = (1UL << 48) - 1;

    private const double MaxLoad = 0.75;

    private SlotMemory memory;
    private Slot* slots;
    private int length;
    private long count;

    public FingerprintTable(long expected)
    {
        length = CapacityFor(expected);
        memory = new SlotMemory((long)length * BytesPerSlot);
        slots = (Slot*)memory.Pointer;
    }

    public long Count => Volatile.Read(ref count);

    public long Capacity => length;

    public long Bytes => (long)length * BytesPerSlot;

    /// <summary>How many entries fit before the table must grow.</summary>
    public long Room => (long)(length * MaxLoad) - Count;

    /// <summary>Makes the low 48 bits non-zero: zero there means "empty slot" and "no parent".</summary>
    public static ulong NonZero(ulong fingerprint) => (fingerprint & ParentBits) == 0 ? fingerprint | 1 : fingerprint;

    /// <summary>
    /// Adds claims to <see cref="Count"/>. Workers add theirs once per batch rather than per claim,
    /// because one counter that every insert bumps bounces between the cores' caches.
    /// </summary>
    public void Claimed(long claims) => Interlocked.Add(ref count, claims);

    /// <summary>Finds or claims the slot of <paramref name="fingerprint"/>; <paramref name="claimed"/> is true for the one caller that added it, which must then <see cref="Publish"/> it.</summary>
    public int Claim(ulong fingerprint, out bool claimed)
    {
        var table = slots;
        var mask = length - 1;
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
    public void Publish(int slot, ulong parent, int depth) => Volatile.Write(ref slots[slot].Link, Link(parent, depth));

    /// <summary>
    /// Another parent reached an already-claimed state. If the state is new on the same level, the
    /// smallest parent fingerprint wins, so the shortest path kept does not depend on which thread
    /// got there first.
    /// </summary>
    public void OfferParent(int slot, ulong parent, int depth)
    {
        var spinner = new SpinWait();
        ulong current;
        while ((current = Volatile.Read(ref slots[slot].Link)) == 0)
        {
            spinner.SpinOnce();
        }

        var offered = Link(parent, depth);
        while (offered < current && current >> 48 == (ulong)depth)
        {
            var seen = Interlocked.CompareExchange(ref slots[slot].Link, offered, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>
    /// Starts loading a slot ahead of <see cref="Claim"/>, so the cache misses of many lookups
    /// overlap instead of queueing. A prefetch does not wait for the line, unlike a read.
    /// </summary>
    public void Prefetch(ulong fingerprint)
    {
        var slot = slots + (int)(fingerprint & (ulong)(length - 1));
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(slot);
        }
    }

    /// <summary>The parent fingerprint of a stored state, 0 for an initial state; only when no thread is inserting.</summary>
    public ulong ParentOf(ulong fingerprint)
    {
        var parent = SlotOf(fingerprint, ulong.MaxValue).Link & ParentBits;
        return parent == 0 ? 0 : SlotOf(parent, ParentBits).Key;
    }

    private static ulong Link(ulong parent, int depth) => ((ulong)depth << 48) | (parent & ParentBits);

    private Slot SlotOf(ulong fingerprint, ulong bits)
    {
        var mask = length - 1;
        for (var i = (int)(fingerprint & (ulong)mask); ; i = (i + 1) & mask)
        {
            if ((slots[i].Key & bits) == fingerprint)
            {
                return slots[i];
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
        if (capacity <= length)
        {
            return Bytes;
        }

        var oldMemory = memory;
        var old = slots;
        var oldLength = length;
        var freshMemory = new SlotMemory((long)capacity * BytesPerSlot);
        var fresh = (Slot*)freshMemory.Pointer;
        var mask = capacity - 1;
        for (var j = 0; j < oldLength; j++)
        {
            var slot = old[j];
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

        memory = freshMemory;
        slots = fresh;
        length = capacity;
        oldMemory.Dispose();
        return ((long)oldLength + capacity) * BytesPerSlot;
    }

    /// <summary>Returns the slots' memory at once rather than at the next finalisation: they can be hundreds of megabytes.</summary>
    public void Dispose() => memory.Dispose();

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
        public ulong Link;
    }
}
