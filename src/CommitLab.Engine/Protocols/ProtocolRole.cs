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
    public abstract NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox);

    /// <summary>The failure detector's view changed.</summary>
    public virtual NodeState OnSuspicion(NodeContext ctx, NodeState state, ulong suspected, Outbox outbox) => state;
}

/// <summary>Typed base so each role works with its own state record.</summary>
public abstract class ProtocolRole<TState> : ProtocolRole
    where TState : NodeState
{
    public sealed override NodeState OnMessage(NodeContext ctx, NodeState state, in Message message, ulong suspected, Outbox outbox) =>
        Handle(ctx, (TState)state, message, suspected, outbox);

    public sealed override NodeState OnTimer(NodeContext ctx, NodeState state, TimerKind timer, ulong suspected, Outbox outbox) =>
        Timeout(ctx, (TState)state, timer, suspected, outbox);

    public sealed override NodeState OnSuspicion(NodeContext ctx, NodeState state, ulong suspected, Outbox outbox) =>
        Suspicion(ctx, (TState)state, suspected, outbox);

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
