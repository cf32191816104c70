namespace CommitLab.Engine.TwoGenerals;

/// <summary>One cell of a batch: how often Sam and Jill ended up in different places.</summary>
public sealed record BatchCell(int Emails, double Loss, int Trials, int Disagreements)
{
    /// <summary>The measured fraction of trials in which one ate outside and the other in the cafeteria.</summary>
    public double Rate => (double)Disagreements / Trials;

    /// <summary>What theory predicts for this cell (see <see cref="LunchBatch.DisagreementChance"/>).</summary>
    public double Expected => LunchBatch.DisagreementChance(Emails, Loss);
}
