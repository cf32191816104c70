using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// One node's part of a run, as the simulator keeps it: its role state, whether it is up, frozen or
/// busy with a forced write, its crash epoch, phase and decision, its durable log and its locks.
/// One array of these per run, instead of a dozen parallel arrays, is what keeps a short run's setup
/// cheap; <see cref="Simulator.State"/> still reads each node's values out of it into the same <see cref="WorldState"/> as before.
/// </summary>
internal struct NodeSlot
{
    public NodeState? State;
    public bool Up;
    public long FrozenUntil;
    public long BusyUntil;

    /// <summary>A forced write just completed and the node's next effects wait as their own event.</summary>
    public bool CarryingOn;

    /// <summary>The parked slot of the effects waiting behind a forced write (part of the world state), or -1.</summary>
    public int Pending;
    public long Epoch;
    public Phase Phase;
    public Outcome Decision;
    /// <summary>
    /// The durable log. Recovery reads just its records (<see cref="LogRecords"/>), built from it then:
    /// a second list kept beside it cost every node an object and an array, and every write an add.
    /// </summary>
    public List<LogEntry> Log;
    public List<LockHold> Locks;

    /// <summary>The node as a run starts it: up, idle, no state, empty log and locks (the lists kept when there are some, so a reused run allocates none).</summary>
    public void Reset()
    {
        State = null;
        Up = true;
        FrozenUntil = 0;
        BusyUntil = 0;
        CarryingOn = false;
        Pending = -1;
        Epoch = 0;
        Phase = default;
        Decision = default;
        if (Log is null)
        {
            Log = new List<LogEntry>();
            Locks = new List<LockHold>();
        }
        else
        {
            Log.Clear();
            Locks.Clear();
        }
    }

    /// <summary>What the log holds, record by record, in the order written: what a recovering node reads.</summary>
    public readonly LogRecordKind[] LogRecords()
    {
        var records = new LogRecordKind[Log.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = Log[i].Record;
        }

        return records;
    }
}
