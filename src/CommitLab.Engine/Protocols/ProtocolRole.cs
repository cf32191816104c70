namespace CommitLab.Engine.Protocols;

/// <summary>
/// A protocol role (2PC coordinator, 3PC participant, ...) as a set of pure handlers. Each takes the
/// node's context, its current state and one input, writes effects into the outbox and returns the
/// next state. It never reads a clock, a random number or another node, which is what makes runs
/// replayable. <paramref name="suspected"/> arguments are the failure detector's current view: a bit
/// per node index.
/// </summary>
public abstract class ProtocolRole
{
    /// <summary>The role's name as the UI shows it ("coordinator", "participant", "outcome log").</summary>
    public abstract string Name { get; }

    public abstract NodeState Start(NodeContext ctx, Outbox outbox);

    public abstract NodeState OnMessage(NodeContext ctx, NodeState state, in Message message, ulong suspected, Outbox outbox);

    public abstract NodeState OnTimer(NodeContext ctx, NodeState state, TimerKind timer, ulong suspected, Outbox outbox);

    /// <summary>Rebuilds the node after a crash from its durable log alone.</summary>
    public virtual NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox) =>
        throw new NotSupportedException($"{Name} recovers from its last checkpoint, not from log records");

    /// <summary>
    /// True for roles that save their whole state as <see cref="LogRecordKind.Checkpoint"/> records
    /// (the Tahoe-LAFS nodes): the simulator then recovers them with
    /// <see cref="OnRecover(NodeContext, Checkpoint?, ulong, Outbox)"/> and shows a crashed one as <see cref="Durable"/>.
    /// </summary>
    public virtual bool Checkpoints => false;

    /// <summary>Rebuilds the node after a crash from its last checkpoint (null: it never wrote one).</summary>
    public virtual NodeState OnRecover(NodeContext ctx, Checkpoint? last, ulong suspected, Outbox outbox) =>
        throw new NotSupportedException($"{Name} recovers from its log records, not from a checkpoint");

    /// <summary>What a crashed node would come back as, for the views (null for roles that do not checkpoint).</summary>
    public virtual NodeState? Durable(NodeContext ctx, Checkpoint? last) => null;

    /// <summary>True for roles whose state changes the trace tells in their own words (<see cref="Narrate"/>).</summary>
    public virtual bool Narrates => false;

    /// <summary>
    /// Says in trace events what changed between two states of this node (a writer's phase, a
    /// server's version), so handlers stay pure and the trace, the monitors and the views still see it.
    /// </summary>
    public virtual void Narrate(NodeContext ctx, NodeState before, NodeState after, List<Note> notes)
    {
    }

    /// <summary>The failure detector's view changed.</summary>
    public virtual NodeState OnSuspicion(NodeContext ctx, NodeState state, ulong suspected, Outbox outbox) => state;

    /// <summary>The names of what <see cref="Describe"/> says about a node ("stage", "version", "lock"); empty for roles whose phase says everything.</summary>
    public virtual System.Collections.Immutable.ImmutableArray<string> Aspects => [];

    /// <summary>What a node in <paramref name="state"/> holds, in words, one cell per aspect; null for roles whose phase says everything.</summary>
    public virtual NodeDescription? Describe(NodeContext ctx, NodeState state) => null;
}

/// <summary>Typed base so each role works with its own state record.</summary>
public abstract class ProtocolRole<TState> : ProtocolRole
    where TState : NodeState
{
    public sealed override NodeState OnMessage(NodeContext ctx, NodeState state, in Message message, ulong suspected, Outbox outbox) =>
        Handle(ctx, Own(state), message, suspected, outbox);

    public sealed override NodeState OnTimer(NodeContext ctx, NodeState state, TimerKind timer, ulong suspected, Outbox outbox) =>
        Timeout(ctx, Own(state), timer, suspected, outbox);

    public sealed override NodeState OnSuspicion(NodeContext ctx, NodeState state, ulong suspected, Outbox outbox) =>
        Suspicion(ctx, Own(state), suspected, outbox);

    /// <summary>
    /// <paramref name="state"/> as this role's own state type. The exact-type test is what a cast does
    /// first, written out: in code shared by every role a cast is a call into the runtime, and this
    /// runs on every step. Any other type still goes through the cast (and fails as one).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static TState Own(NodeState state) =>
        state.GetType() == typeof(TState) ? System.Runtime.CompilerServices.Unsafe.As<TState>(state) : (TState)state;

    protected abstract TState Handle(NodeContext ctx, TState state, in Message message, ulong suspected, Outbox outbox);

    protected abstract TState Timeout(NodeContext ctx, TState state, TimerKind timer, ulong suspected, Outbox outbox);

    protected virtual TState Suspicion(NodeContext ctx, TState state, ulong suspected, Outbox outbox) => state;

    /// <summary>The log record that holds a decision, or <see cref="Outcome.None"/>.</summary>
    protected static Outcome LoggedDecision(IReadOnlyList<LogRecordKind> log)
    {
        for (var i = log.Count - 1; i >= 0; i--)
        {
            if (log[i] == LogRecordKind.Commit)
            {
                return Outcome.Commit;
            }

            if (log[i] == LogRecordKind.Abort)
            {
                return Outcome.Abort;
            }
        }

        return Outcome.None;
    }

    protected static LogRecordKind RecordOf(Outcome decision) => decision == Outcome.Commit ? LogRecordKind.Commit : LogRecordKind.Abort;

    protected static Phase PhaseOf(Outcome decision) => decision == Outcome.Commit ? Phase.Committed : Phase.Aborted;

    protected static bool IsDecided(Phase phase) => phase is Phase.Committed or Phase.Aborted;
}
