using System.Text;
using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Engine.Tests.TwoGenerals;

/// <summary>
/// Every figure the two-generals page shows, pinned as it was before the lunch ran on the simulator:
/// the default batch grid's counts, and where Sam and Jill eat in a spread of single trials (every
/// length, loss rates from none to all, many seeds, with and without an email dropped by hand).
/// </summary>
public class LunchFiguresTests
{
    [Fact]
    public void The_default_batch_grid_counts_as_before()
    {
        var cells = LunchBatch.Run(BatchPlan.Default).Cells;
        var text = string.Join(";", cells.Select(c => $"{c.Emails}/{c.Loss}:{c.Disagreements},{c.MetOutside}"));
        Assert.Equal("7D0B8FEDA6D5BB7E", Digest(text));
    }

    [Fact]
    public void Single_trials_end_where_they_did()
    {
        var text = new StringBuilder();
        for (var emails = LunchLimits.MinEmails; emails <= 8; emails++)
        {
            foreach (var loss in new[] { 0.0, 0.1, 0.3, 0.5, 1.0 })
            {
                for (ulong seed = 1; seed <= 40; seed++)
                {
                    var plan = new LunchPlan(emails, loss, seed);
                    foreach (var trial in new[] { plan, plan.ToggleDrop(1 + (int)(seed % (ulong)emails)) })
                    {
                        var outcome = LunchTrial.Run(trial);
                        text.Append($"{outcome.Sam}{outcome.Jill}{outcome.Delivered}{string.Concat(outcome.Emails.Select(e => (int)e.Fate))};");
                    }
                }
            }
        }

        Assert.Equal("AF43138D5D4A50B6", Digest(text.ToString()));
    }

    private static string Digest(string text) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
