using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Protocols;

/// <summary>
/// What a node knows about its run that never changes while it runs: who it is, who the others are,
/// its timers and options. Immutable, so a node's behaviour depends only on this, its state and its input.
/// <see cref="Names"/> are every node's name by index (for the words a role puts in its messages);
/// <see cref="Tahoe"/> is the Tahoe-LAFS section of the scenario, null for the commit protocols;
/// <see cref="Lunch"/> the two generals' (how many emails, how long each takes, when noon is).
/// </summary>
public sealed record NodeContext(
    int Self,
    int Coordinator,
    ImmutableArray<int> Participants,
    int OutcomeLog,
    TimeoutSettings Timeouts,
    bool CooperativeTermination,
    bool VotesNo,
    string Resource,
    Presumption Presume = Presumption.Nothing,
    bool ReadOnly = false,
    int FirstAcceptor = -1,
    int AcceptorCount = 0,
    ProtocolKind Protocol = ProtocolKind.TwoPhase,
    ImmutableArray<string> Names = default,
    Tahoe.TahoeSettings? Tahoe = null,
    TwoGenerals.LunchSettings? Lunch = null)
{
    /// <summary>Paxos Commit: how many acceptors make a majority (F+1 of 2F+1).</summary>
    public int Majority => (AcceptorCount / 2) + 1;

    /// <summary>
    /// The outcome a decision message need not be acknowledged for, nor forced to a participant's log:
    /// abort under presumed abort, commit under presumed commit, none in basic 2PC.
    /// </summary>
    public Outcome Presumed => Presume switch
    {
        Presumption.Abort => Outcome.Abort,
        Presumption.Commit => Outcome.Commit,
        _ => Outcome.None,
    };

    public bool HasOutcomeLog => OutcomeLog >= 0;

    public static ulong Bit(int node) => 1UL << node;

    /// <summary>A bit set of every participant, for "has everyone voted / acknowledged?" checks.</summary>
    public ulong AllParticipants { get; } = Participants.Aggregate(0UL, (mask, p) => mask | Bit(p));
}
