using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// The fingerprints of one node's durable log, locks and waiting effects, as the simulator keeps
/// them for <see cref="Simulator.State"/>: each is brought up to date from what changed since it was
/// last read, so a state hands its lists over with their fingerprint (<see cref="NodeWorld.ListsPrint"/>)
/// and neither building the state nor fingerprinting it walks a list again.
/// </summary>
/// <remarks>
/// Nothing is worked out while a run merely runs: the event loop only says when a list was emptied
/// or replaced (<see cref="LocksReleased"/>, <see cref="Parked"/>). Each element is hashed once (bar
/// a node with two parks at once, see <see cref="Pending"/>), when the first state after it arrived
/// is built. This works because of how the lists change: a log only grows (the simulator asserts
/// it); locks are taken one by one and released all at once; the effects parked behind a forced
/// write are carried out from the front, and replaced only by a new park. Each element's part of a
/// fingerprint is a product keyed by its place (<see cref="NodeWorld.LogTerm"/>), XORed in, so
/// growing, emptying or losing the first element each change it by what changed alone.
/// </remarks>
internal struct ListPrints
{
    // The fingerprints first, then the counts and the flag, so the fields pack without gaps between them.
    private ulong log;
    private ulong locks;
    private ulong pending;
    private int logHashed;
    private int locksHashed;
    private int pendingSlot;
    private int pendingFrom;
    private bool pendingKnown;

    /// <summary>Every lock was released (a ReleaseAll effect, a crash).</summary>
    public void LocksReleased()
    {
        locks = 0;
        locksHashed = 0;
    }

    /// <summary>New effects were parked behind a forced write: the ones held before are no longer the node's.</summary>
    public void Parked() => pendingKnown = false;

    /// <summary>The log's fingerprint, with the records appended since the last call added in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Log(List<LogEntry> entries) => logHashed == entries.Count ? log : LogCaughtUp(entries);

    /// <summary>The locks' fingerprint, with the locks taken since the last call (or release) added in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Locks(List<LockHold> holds) => locksHashed == holds.Count ? locks : LocksCaughtUp(holds);

    private ulong LogCaughtUp(List<LogEntry> entries)
    {
        var span = CollectionsMarshal.AsSpan(entries);
        for (; logHashed < span.Length; logHashed++)
        {
            log ^= NodeWorld.LogTerm(span[logHashed], logHashed);
        }

        return log;
    }

    private ulong LocksCaughtUp(List<LockHold> holds)
    {
        var span = CollectionsMarshal.AsSpan(holds);
        for (; locksHashed < span.Length; locksHashed++)
        {
            locks ^= NodeWorld.LockTerm(span[locksHashed], locksHashed);
        }

        return locks;
    }

    /// <summary>
    /// The fingerprint of the effects still waiting: <paramref name="buffer"/>[<paramref name="start"/>..<paramref name="end"/>]
    /// in parked slot <paramref name="slot"/>, where the effects before <paramref name="start"/> were
    /// parked with them and already carried out. Those are taken out (the others' places, counted from
    /// the end, have not moved). Effects parked since, or in another slot, are hashed whole: a node can
    /// have two parks at once (a message handled at the very tick a write completes may start another
    /// write), and the first one's rest may become its waiting effects again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Pending(int slot, Effect[] buffer, int start, int end) =>
        pendingKnown && pendingSlot == slot && pendingFrom == start ? pending : PendingCaughtUp(slot, buffer, start, end);

    private ulong PendingCaughtUp(int slot, Effect[] buffer, int start, int end)
    {
        if (!pendingKnown || pendingSlot != slot || pendingFrom > start)
        {
            pending = 0;
            for (var i = start; i < end; i++)
            {
                pending ^= NodeWorld.PendingTerm(buffer[i], end - 1 - i);
            }

            pendingSlot = slot;
            pendingFrom = start;
            pendingKnown = true;
            return pending;
        }

        for (; pendingFrom < start; pendingFrom++)
        {
            pending ^= NodeWorld.PendingTerm(buffer[pendingFrom], end - 1 - pendingFrom);
        }

        return pending;
    }
}
