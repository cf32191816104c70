using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>
/// Actions and messages packed into integers: an action is the <see cref="Transition{TState}.Action"/>
/// number the explorer stores, and decodes back to exactly one step, so a counterexample can be replayed.
/// </summary>
public static class ScenarioActions
{
    /// <summary>Paxos Commit ballots an action number can name; a proposer leads far fewer rounds in any explored space.</summary>
    public const int MaxBallot = 63;

    private const int BallotBits = 16;

    public static int Encode(ScenarioAction action) => action.Kind switch
    {
        ScenarioActionKind.Deliver or ScenarioActionKind.Lose => unchecked((int)action.Kind | (int)(Compact(action.Message) << 4)),
        ScenarioActionKind.Timer => (int)action.Kind | (action.Node << 4) | ((int)action.Timer << 9),
        ScenarioActionKind.Cut or ScenarioActionKind.Heal => (int)action.Kind | (action.Node << 4) | (action.Peer << 9),
        _ => (int)action.Kind | (Math.Max(action.Node, 0) << 4),
    };

    public static ScenarioAction Decode(int code)
    {
        var kind = (ScenarioActionKind)(code & 15);
        var rest = (int)((uint)code >> 4);
        return kind switch
        {
            ScenarioActionKind.Deliver or ScenarioActionKind.Lose => new(kind, Expand((uint)rest)),
            ScenarioActionKind.Timer => new(kind, Node: rest & 31, Timer: (TimerKind)(rest >> 5)),
            ScenarioActionKind.Cut or ScenarioActionKind.Heal => new(kind, Node: rest & 31, Peer: rest >> 5),
            ScenarioActionKind.Detect => new(kind),
            _ => new(kind, Node: rest & 31),
        };
    }

    /// <summary>
    /// A message in 57 bits: kind, sender, receiver (below 32), decision, state, recovery flag, and the
    /// Paxos Commit instance, ballot and accepted ballot (below 2^16), so two Paxos messages that differ
    /// only in their ballot stay two messages.
    /// </summary>
    public static ulong Pack(in Message m) =>
        (ulong)m.Kind | ((ulong)m.From << 5) | ((ulong)m.To << 10) | ((ulong)m.Decision << 15) | ((ulong)m.State << 17) | (m.FromRecovery ? 1UL << 20 : 0)
            | ((ulong)(uint)m.Instance << 21) | ((ulong)(uint)m.Ballot << 25) | ((ulong)(uint)m.Accepted << (25 + BallotBits));

    public static Message Unpack(ulong packed) => new(
        (MessageKind)(packed & 31),
        (int)((packed >> 5) & 31),
        (int)((packed >> 10) & 31),
        (Outcome)((packed >> 15) & 3),
        (Phase)((packed >> 17) & 7),
        ((packed >> 20) & 1) != 0,
        (int)((packed >> 21) & 15),
        (int)((packed >> 25) & 0xFFFF),
        (int)((packed >> (25 + BallotBits)) & 0xFFFF));

    /// <summary>Whether a message fits <see cref="Pack"/>: the explorer refuses to go on rather than merge two messages.</summary>
    internal static bool Packable(in Message m) =>
        (uint)m.Instance < 16 && (uint)m.Ballot < (1U << BallotBits) && (uint)m.Accepted < (1U << BallotBits);

    /// <summary>
    /// A message in the 28 bits an action number has left. 2PC and 3PC messages keep kind, nodes, decision,
    /// state and recovery flag (bit 0 clear); Paxos Commit's phase messages never carry a state or the
    /// recovery flag, so they keep their instance and ballots instead, with nodes below 16 and ballots up to
    /// <see cref="MaxBallot"/> (bit 0 set).
    /// </summary>
    private static uint Compact(in Message m)
    {
        if (m.Kind < MessageKind.Phase1a)
        {
            return (uint)(Pack(m) & 0x1FFFFF) << 1;
        }

        EngineInvariantException.Check(
            m.From < 16 && m.To < 16 && (uint)m.Instance < 8 && (uint)m.Ballot <= MaxBallot && (uint)m.Accepted <= MaxBallot,
            "an explored Paxos Commit message names nodes below 16, instances below 8 and ballots up to 63; ballot, accepted", m.Ballot, m.Accepted);
        return 1U | ((uint)(m.Kind - MessageKind.Phase1a) << 1) | ((uint)m.From << 3) | ((uint)m.To << 7) | ((uint)m.Decision << 11)
            | ((uint)m.Instance << 13) | ((uint)m.Ballot << 16) | ((uint)m.Accepted << 22);
    }

    private static Message Expand(uint compact)
    {
        if ((compact & 1) == 0)
        {
            return Unpack(compact >> 1);
        }

        return new Message(
            (MessageKind)((int)MessageKind.Phase1a + (int)((compact >> 1) & 3)),
            (int)((compact >> 3) & 15),
            (int)((compact >> 7) & 15),
            (Outcome)((compact >> 11) & 3),
            Instance: (int)((compact >> 13) & 7),
            Ballot: (int)((compact >> 16) & 63),
            Accepted: (int)((compact >> 22) & 63));
    }
}
