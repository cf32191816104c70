using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Roles;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab;

/// <summary>
/// The "what each node holds" table is built from what the run's roles and monitors say of
/// themselves: a protocol whose node cards say everything gets none, and a Tahoe-LAFS run gets its
/// writers', servers' and monitors' own words, with no builder written for it.
/// </summary>
public sealed class RoleTableTests
{
    private static Simulator Finished(string name)
    {
        var sim = Simulator.Create(RepositoryFiles.Scenario(name).Scenario);
        sim.RunToEnd();
        return sim;
    }

    [Theory]
    [InlineData("2pc-happy-path")]
    [InlineData("3pc-happy-path")]
    [InlineData("paxos-commit-happy-path")]
    public void A_commit_protocol_run_has_no_table_beside_its_node_cards(string name) => Assert.Null(RoleTable.For(Finished(name)));

    [Fact]
    public void An_uncoordinated_tahoe_run_shows_each_node_in_its_own_words_and_the_lost_update()
    {
        var table = RoleTable.For(Finished("tahoe-uncoordinated"))!;

        Assert.Equal(["stage", "version", "lock"], table.Headers.ToArray());
        Assert.Equal(
            ["W1: told: saved W1#1", "W2: told: saved W2#1", "S1: server W1#1", "S2: server W2#1", "S3: server W2#1"],
            table.Rows.Select(r => $"{r.Name}: {r.Cells[0]} {r.Cells[1]}"));
        Assert.Equal("holds W2#1", table.StatusOf("S3"));
        Assert.Equal(["bad Lost update: W1", "bad Servers disagree"], table.Verdicts.Select(v => $"{v.Tone} {v.Headline}"));
        Assert.Equal(("bad", "✗", "Lost update."), (table.Outcome!.Tone, table.Outcome.Icon, table.Outcome.Headline));
    }

    [Fact]
    public void A_tahoe_run_in_progress_has_no_ending_yet_and_its_monitors_read_the_state_now()
    {
        var sim = Simulator.Create(RepositoryFiles.Scenario("tahoe-2pc").Scenario);
        sim.RunUntil(30);
        var table = RoleTable.For(sim)!;

        Assert.Null(table.Outcome);
        Assert.Equal(["ok No update lost", "ok Servers agree"], table.Verdicts.Select(v => $"{v.Tone} {v.Headline}"));
        Assert.Equal("reading", table.StatusOf("W1"));
    }
}
