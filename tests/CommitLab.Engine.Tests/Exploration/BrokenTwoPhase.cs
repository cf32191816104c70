using CommitLab.Engine.Exploration;

namespace CommitLab.Engine.Tests.Exploration;

/// <summary>TwoPhase with a TM that commits without waiting for every Prepared message: the bug the explorer must catch.</summary>
public sealed class BrokenTwoPhase(int rms) : TwoPhaseTla(rms)
{
    public override string Name => "twophase-eager-commit";

    protected override bool TMCommitEnabled(ulong tmPrepared) => true;
}
