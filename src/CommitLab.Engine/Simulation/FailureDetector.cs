using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// The run's failure detector: for each ordered pair (observer, target) it turns "the target looks
/// dead from here" into a suspicion after <c>delay</c> ticks, and drops the suspicion as soon as the
/// target looks alive again. What "looks dead" means is the whole difference between the kinds:
/// <list type="bullet">
/// <item><see cref="DetectorKind.Perfect"/>: the target has crashed. Never wrong, so it is an oracle no real system has.</item>
/// <item><see cref="DetectorKind.Timeout"/>: no heartbeat gets through: the target crashed, is frozen, or the
/// link from it to the observer is cut. Wrong whenever a live node is merely slow or cut off.</item>
/// </list>
/// Heartbeats are modelled by that condition rather than sent as messages, so they never clutter the
/// trace or the message counts.
/// </summary>
internal sealed class FailureDetector
{
    private readonly int nodes;
    private readonly bool[] looksDead;
    private readonly long[] generation;

    /// <param name="recycled">A detector of a finished run nobody reads any more: its arrays are cleared and reused when the sizes match.</param>
    public FailureDetector(DetectorKind kind, int delay, int nodes, FailureDetector? recycled = null)
    {
        Kind = kind;
        Delay = delay;
        this.nodes = nodes;
        if (recycled is not null && recycled.nodes == nodes)
        {
            looksDead = recycled.looksDead;
            generation = recycled.generation;
            Suspected = recycled.Suspected;
            Array.Clear(looksDead);
            Array.Clear(generation);
            Array.Clear(Suspected);
            return;
        }

        looksDead = new bool[nodes * nodes];
        generation = new long[nodes * nodes];
        Suspected = new ulong[nodes];
    }

    public DetectorKind Kind { get; }

    public int Delay { get; }

    /// <summary>Per observer, a bit per suspected node.</summary>
    public ulong[] Suspected { get; }

    /// <summary>The nodes that look dead to <paramref name="observer"/> now, a bit per node (suspected or not yet).</summary>
    public ulong LooksDead(int observer)
    {
        var mask = 0UL;
        for (var target = 0; target < nodes; target++)
        {
            if (looksDead[(observer * nodes) + target])
            {
                mask |= NodeContext.Bit(target);
            }
        }

        return mask;
    }

    public long Generation(int observer, int target) => generation[(observer * nodes) + target];

    /// <summary>
    /// Records whether <paramref name="target"/> looks dead to <paramref name="observer"/> now.
    /// Returns +1 when a suspicion check must be scheduled, -1 when an existing suspicion ends, 0 otherwise.
    /// </summary>
    public int Update(int observer, int target, bool dead)
    {
        var i = (observer * nodes) + target;
        if (looksDead[i] == dead)
        {
            return 0;
        }

        looksDead[i] = dead;
        generation[i]++;
        if (dead)
        {
            return 1;
        }

        var bit = NodeContext.Bit(target);
        if ((Suspected[observer] & bit) == 0)
        {
            return 0;
        }

        Suspected[observer] &= ~bit;
        return -1;
    }

    /// <summary>A scheduled check fires: suspect if the target has looked dead ever since.</summary>
    public bool Confirm(int observer, int target, long gen)
    {
        var i = (observer * nodes) + target;
        if (generation[i] != gen || !looksDead[i])
        {
            return false;
        }

        Suspected[observer] |= NodeContext.Bit(target);
        return true;
    }
}
