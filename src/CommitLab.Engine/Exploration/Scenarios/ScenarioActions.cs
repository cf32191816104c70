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

    private const uint PaxosFlag = 1U << 27;

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
    /// A message in 57 bits: kind (low four bits, the fifth at bit 20), sender, receiver (below 32),
    /// decision, state, recovery flag, then the Paxos Commit instance, ballot and accepted ballot (below
    /// 2^16), so two Paxos messages that differ only in their ballot stay two messages. A 2PC or 3PC
    /// message packs to the same 20 bits it always did, so their fingerprints and paths do not move.
    /// </summary>
    public static ulong Pack(in Message m) =>
        ((ulong)m.Kind & 15) | ((ulong)m.From << 4) | ((ulong)m.To << 9) | ((ulong)m.Decision << 14) | ((ulong)m.State << 16) | (m.FromRecovery ? 1UL << 19 : 0)
            | (((ulong)m.Kind >> 4) << 20) | ((ulong)(uint)m.Instance << 21) | ((ulong)(uint)m.Ballot << 25) | ((ulong)(uint)m.Accepted << (25 + BallotBits));

    public static Message Unpack(ulong packed) => new(
        (MessageKind)((packed & 15) | (((packed >> 20) & 1) << 4)),
        (int)((packed >> 4) & 31),
        (int)((packed >> 9) & 31),
        (Outcome)((packed >> 14) & 3),
        (Phase)((packed >> 16) & 7),
        ((packed >> 19) & 1) != 0,
        (int)((packed >> 21) & 15),
        (int)((packed >> 25) & 0xFFFF),
        (int)((packed >> (25 + BallotBits)) & 0xFFFF));

    /// <summary>Whether a message fits <see cref="Pack"/>: the explorer refuses to go on rather than merge two messages.</summary>
    internal static bool Packable(in Message m) =>
        (uint)m.Instance < 16 && (uint)m.Ballot < (1U << BallotBits) && (uint)m.Accepted < (1U << BallotBits);

    /// <summary>
    /// A message in the 28 bits an action number has left. 2PC and 3PC messages keep their 20 packed
    /// bits; Paxos Commit's phase messages never carry a state or the recovery flag, so they keep kind,
    /// nodes (below 16), decision, instance and ballots (up to <see cref="MaxBallot"/>) instead, marked
    /// by the top bit.
    /// </summary>
    private static uint Compact(in Message m)
    {
        if (m.Kind < MessageKind.Phase1a)
        {
            return (uint)Pack(m);
        }

        EngineInvariantException.Check(
            m.From < 16 && m.To < 16 && (uint)m.Instance < 8 && (uint)m.Ballot <= MaxBallot && (uint)m.Accepted <= MaxBallot,
            "an explored Paxos Commit message names nodes below 16, instances below 8 and ballots up to 63; ballot, accepted", m.Ballot, m.Accepted);
        return PaxosFlag | (uint)(m.Kind - MessageKind.Phase1a) | ((uint)m.From << 2) | ((uint)m.To << 6) | ((uint)m.Decision << 10)
            | ((uint)m.Instance << 12) | ((uint)m.Ballot << 15) | ((uint)m.Accepted << 21);
    }

    private static Message Expand(uint compact)
    {
        if ((compact & PaxosFlag) == 0)
        {
            return Unpack(compact);
        }

        return new Message(
            (MessageKind)((int)MessageKind.Phase1a + (int)(compact & 3)),
            (int)((compact >> 2) & 15),
            (int)((compact >> 6) & 15),
            (Outcome)((compact >> 10) & 3),
            Instance: (int)((compact >> 12) & 7),
            Ballot: (int)((compact >> 15) & 63),
            Accepted: (int)((compact >> 21) & 63));
    }
}
