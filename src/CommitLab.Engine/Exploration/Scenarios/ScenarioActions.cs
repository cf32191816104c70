using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>
/// Actions and messages packed into integers: an action is the <see cref="Transition{TState}.Action"/>
/// number the explorer stores, and decodes back to exactly one step, so a counterexample can be replayed.
/// </summary>
public static class ScenarioActions
{
    public static int Encode(ScenarioAction action) => action.Kind switch
    {
        ScenarioActionKind.Deliver or ScenarioActionKind.Lose => (int)action.Kind | ((int)Pack(action.Message) << 4),
        ScenarioActionKind.Timer => (int)action.Kind | (action.Node << 4) | ((int)action.Timer << 9),
        ScenarioActionKind.Cut or ScenarioActionKind.Heal => (int)action.Kind | (action.Node << 4) | (action.Peer << 9),
        _ => (int)action.Kind | (Math.Max(action.Node, 0) << 4),
    };

    public static ScenarioAction Decode(int code)
    {
        var kind = (ScenarioActionKind)(code & 15);
        var rest = code >> 4;
        return kind switch
        {
            ScenarioActionKind.Deliver or ScenarioActionKind.Lose => new(kind, Unpack((ulong)rest)),
            ScenarioActionKind.Timer => new(kind, Node: rest & 31, Timer: (TimerKind)(rest >> 5)),
            ScenarioActionKind.Cut or ScenarioActionKind.Heal => new(kind, Node: rest & 31, Peer: rest >> 5),
            ScenarioActionKind.Detect => new(kind),
            _ => new(kind, Node: rest & 31),
        };
    }

    /// <summary>A message in 20 bits: kind, sender, receiver (below 32), decision, state, recovery flag.</summary>
    public static ulong Pack(in Message m) =>
        (ulong)m.Kind | ((ulong)m.From << 4) | ((ulong)m.To << 9) | ((ulong)m.Decision << 14) | ((ulong)m.State << 16) | (m.FromRecovery ? 1UL << 19 : 0);

    public static Message Unpack(ulong packed) => new(
        (MessageKind)(packed & 15),
        (int)((packed >> 4) & 31),
        (int)((packed >> 9) & 31),
        (Outcome)((packed >> 14) & 3),
        (Phase)((packed >> 16) & 7),
        ((packed >> 19) & 1) != 0);
}
