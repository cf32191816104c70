using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>What Sam or Jill knows: the last email they read (0: none), and, from noon on, where they eat.</summary>
public sealed record LunchState(int LastRead, LunchPlace? Place) : NodeState(Protocols.Phase.Working)
{
    public static LunchState Initial { get; } = new(0, null);

    internal override (ulong First, ulong Second) FingerprintWords() =>
        (0x21UL | ((ulong)(uint)LastRead << 8), Place is { } place ? 1UL + (ulong)place : 0UL);
}
