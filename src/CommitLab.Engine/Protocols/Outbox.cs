namespace CommitLab.Engine.Protocols;

/// <summary>
/// Where a protocol step writes its effects, in order. A node never performs I/O: it only says what
/// it wants, and the simulator decides when (and whether) each effect happens. The order matters:
/// everything after a forced log write waits until the write is durable.
/// </summary>
public sealed class Outbox
{
    /// <summary>
    /// The effects written, in order, in an array of its own rather than a list: the simulator takes a
    /// step's effects off the top again after every step (<see cref="Truncate"/>), and a list would clear
    /// the slots it drops on every step, because an effect holds references.
    /// </summary>
    private readonly EffectBuffer effects = new();

    /// <summary>The node this outbox is currently collecting for; set by the simulator.</summary>
    public int Self { get; internal set; }

    /// <summary>How many effects are written.</summary>
    internal int Count => effects.Count;

    /// <summary>
    /// The effects from <paramref name="start"/> on. A handler run while these are carried out may write
    /// more and grow the buffer into a new array; the span keeps reading the old one, which still holds
    /// these effects unchanged.
    /// </summary>
    internal ReadOnlySpan<Effect> From(int start) => effects.Items.AsSpan(start, effects.Count - start);

    /// <summary>Drops every effect from <paramref name="count"/> on (not cleared: see <see cref="EffectBuffer"/>).</summary>
    internal void Truncate(int count) => effects.Count = count;

    internal void Clear() => effects.Count = 0;

    public void Send(int to, MessageKind kind, Outcome decision = Outcome.None, Phase state = Phase.Working, bool fromRecovery = false) =>
        effects.Next() = new Effect(EffectKind.Send, Message: new Message(kind, Self, to, decision, state, fromRecovery));

    /// <summary>A Paxos Commit message: <paramref name="value"/> is Commit for Prepared, Abort for Aborted, None for no value.</summary>
    public void SendPaxos(int to, MessageKind kind, int instance, int ballot, Outcome value = Outcome.None, int accepted = 0) =>
        effects.Next() = new Effect(EffectKind.Send, Message: new Message(kind, Self, to, value, Instance: instance, Ballot: ballot, Accepted: accepted));

    public void SetTimer(TimerKind timer, int delay) => effects.Next() = new Effect(EffectKind.SetTimer, NoMessage(), Timer: timer, Delay: delay);

    /// <summary>A timer after a random delay in [<paramref name="min"/>, <paramref name="max"/>] ticks, drawn by the simulator.</summary>
    public void SetTimer(TimerKind timer, int min, int max) => effects.Next() = new Effect(EffectKind.SetTimer, NoMessage(), Timer: timer, Delay: min, Jitter: max - min);

    /// <summary>Sends a message with a payload (<see cref="Message.Body"/>).</summary>
    public void Send(int to, MessageKind kind, MessageBody body) =>
        effects.Next() = new Effect(EffectKind.Send, Message: new Message(kind, Self, to, Body: body));

    /// <summary>
    /// Makes <paramref name="state"/> durable: it is what the node recovers from after a crash.
    /// <paramref name="text"/> says what the write means ("prepared for W1 try 1: staged W1#1").
    /// </summary>
    public void Checkpoint(NodeState state, string text, bool forced) =>
        effects.Next() = new Effect(EffectKind.Append, NoMessage(), Record: LogRecordKind.Checkpoint, Forced: forced, Data: new Checkpoint(state, text));

    public void CancelTimer(TimerKind timer) => effects.Next() = new Effect(EffectKind.CancelTimer, NoMessage(), Timer: timer);

    /// <summary>Appends a record to the durable log. A forced write survives a crash the moment it completes.</summary>
    public void Append(LogRecordKind record, bool forced) => effects.Next() = new Effect(EffectKind.Append, NoMessage(), Record: record, Forced: forced);

    /// <summary>
    /// Appends a protocol record that also saves the node's state as it is after this step, for roles
    /// whose records alone cannot rebuild it (a Paxos acceptor's ballots and values). The trace shows
    /// the record as usual; recovery reads the state (<see cref="ProtocolRole.Checkpoints"/>).
    /// </summary>
    public void Append(LogRecordKind record, bool forced, NodeState saved) =>
        effects.Next() = new Effect(EffectKind.Append, NoMessage(), Record: record, Forced: forced, Data: new Checkpoint(saved, Names.Of(record)));

    /// <summary>The node decides; the simulator shows it as committed or aborted and the monitors judge it.</summary>
    public void Decide(Outcome decision) => effects.Next() = new Effect(EffectKind.Decide, NoMessage(), Decision: decision);

    /// <summary>The node's protocol state changes (for decisions use <see cref="Decide"/>).</summary>
    public void Enter(Phase state) => effects.Next() = new Effect(EffectKind.Enter, NoMessage(), State: state);

    public void Acquire(string resource) => effects.Next() = new Effect(EffectKind.Acquire, NoMessage(), Data: resource);

    public void ReleaseAll() => effects.Next() = new Effect(EffectKind.ReleaseAll, NoMessage());

    /// <summary>
    /// The message of an effect that sends none: the same value as <c>default</c>, spelled out. With
    /// <c>default</c> the JIT builds the whole effect in a zeroed temporary and copies it into the
    /// buffer through two write-barrier calls (the effect holds two references); with the fields
    /// given, it stores them in place, the null references as plain zeroes.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Message NoMessage() => new(default, 0, 0);
}

/// <summary>
/// A growable array of effects whose dropped slots are left as they are: the next step overwrites
/// them, and what they still reference is at most one step's effects, so clearing them on every step
/// (as <see cref="List{T}"/> does) cost more than the little it would free.
/// </summary>
internal sealed class EffectBuffer
{
    public Effect[] Items = new Effect[16];

    public int Count;

    /// <summary>
    /// The next slot, counted as written: the caller assigns the new effect straight into it. Built in
    /// place like this, an effect's unused references are stored as plain zeroes; copied in from a
    /// parameter, each of its two references went through the garbage collector's write barrier.
    /// </summary>
    public ref Effect Next()
    {
        if (Count == Items.Length)
        {
            Array.Resize(ref Items, Items.Length * 2);
        }

        return ref Items[Count++];
    }
}
