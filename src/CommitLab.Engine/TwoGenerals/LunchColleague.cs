using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// Sam or Jill as a protocol role on the simulator. Sam sees the sun and sends the proposal; each of
/// them answers every email they read with the next one, until the protocol's k emails are used up.
/// At noon each follows the one rule both agreed on (<see cref="LunchTrial.PlaceAtNoon"/>): go outside
/// only if every email you were waiting for arrived. Nothing is written down, so there is nothing to
/// recover: a colleague who comes back knows nothing.
/// </summary>
public sealed class LunchColleague : ProtocolRole<LunchState>
{
    public static readonly LunchColleague Instance = new();

    public override string Name => "colleague";

    public override bool Narrates => true;

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        var lunch = ctx.Lunch!;
        outbox.SetTimer(TimerKind.Noon, lunch.NoonTick);
        if (ctx.Self == 0 && lunch.Emails >= 1)
        {
            outbox.Send(1, MessageKind.Proposal, new LunchEmail(1));
        }

        return LunchState.Initial;
    }

    protected override LunchState Handle(NodeContext ctx, LunchState state, in Message message, ulong suspected, Outbox outbox)
    {
        if (message.Body is not LunchEmail email || email.Number <= state.LastRead || state.Place is not null)
        {
            return state;
        }

        // Each email answers the one before it; the last one of the protocol goes unanswered.
        if (email.Number < ctx.Lunch!.Emails)
        {
            outbox.Send(message.From, MessageKind.Ack, new LunchEmail(email.Number + 1));
        }

        return state with { LastRead = email.Number };
    }

    protected override LunchState Timeout(NodeContext ctx, LunchState state, TimerKind timer, ulong suspected, Outbox outbox) =>
        timer == TimerKind.Noon && state.Place is null
            // "The first email I have not read" is what the rule reads: emails come in order.
            ? state with { Place = LunchTrial.PlaceAtNoon(LunchSettings.PersonOf(ctx.Self), ctx.Lunch!.Emails, state.LastRead + 1) }
            : state;

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox) => LunchState.Initial;

    public override void Narrate(NodeContext ctx, NodeState before, NodeState after, List<Note> notes)
    {
        if (after is LunchState { Place: { } place } && before is LunchState { Place: null })
        {
            notes.Add(new Note(TraceKind.Stage, (long)place, place == LunchPlace.Outside ? "noon: eats outside" : "noon: eats in the cafeteria"));
        }
    }
}
