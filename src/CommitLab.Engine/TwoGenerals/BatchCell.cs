namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// One cell of a batch: how often Sam and Jill ended up in different places, and how often they both
/// ate outside. The second number keeps a worse network from looking better: at high loss a long
/// protocol rarely splits them, because it rarely gets them outside at all.
/// </summary>
public sealed record BatchCell(int Emails, double Loss, int Trials, int Disagreements, int MetOutside = 0)
{
    /// <summary>The measured fraction of trials in which one ate outside and the other in the cafeteria.</summary>
    public double Rate => (double)Disagreements / Trials;

    /// <summary>The measured fraction of trials in which both ate outside, which is what Sam wanted.</summary>
    public double MetOutsideRate => (double)MetOutside / Trials;

    /// <summary>What theory predicts for this cell (see <see cref="LunchBatch.DisagreementChance"/>).</summary>
    public double Expected => LunchBatch.DisagreementChance(Emails, Loss);
}
