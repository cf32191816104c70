using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;
using CommitLab.Engine.Tests.Scenarios;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>The shipped Tahoe-LAFS scenarios: they parse, keep their promises, and end exactly as pinned here.</summary>
public class TahoeScenarioFileTests
{
    public static TheoryData<string> TahoeFiles() => RepoFiles.TahoeScenarioNames();

    [Fact]
    public void The_three_tahoe_scenarios_ship_and_are_recognised()
    {
        var names = ((IEnumerable<object[]>)TahoeFiles()).Select(row => (string)row[0]).ToList();
        Assert.Contains("tahoe-uncoordinated.yaml", names);
        Assert.Contains("tahoe-2pc.yaml", names);
        Assert.Contains("tahoe-magic-folder.yaml", names);
        Assert.DoesNotContain("2pc-happy-path.yaml", names);
    }

    [Theory]
    [MemberData(nameof(TahoeFiles))]
    public void Every_tahoe_scenario_meets_its_expectation(string name)
    {
        var scenario = TahoeRuns.File(name);
        Assert.NotNull(scenario.Expect?.Tahoe);
        var result = TahoeRuns.Run(scenario);
        Assert.True(result.Meets(scenario.Expect), $"{name}: expected {scenario.Expect}, got {TahoeOutcomes.Name(result.Verdict().Outcome)}: {result.Verdict().Explanation}");
        Assert.True(result.Settled, $"{name} stopped at maxTicks");
    }

    [Theory]
    [MemberData(nameof(TahoeFiles))]
    public void Every_tahoe_scenario_starts_with_a_comment(string name)
    {
        Assert.StartsWith("# ", File.ReadLines(Path.Combine(RepoFiles.LessonScenarios, name)).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void Uncoordinated_writers_split_the_servers_and_lose_W1s_update()
    {
        var result = TahoeRuns.Run(TahoeRuns.File("tahoe-uncoordinated.yaml"));
        Assert.Equal(TahoeOutcome.LostUpdate, result.Verdict().Outcome);
        Assert.Equal("S1=W1#1 S2=W2#1 S3=W2#1", TahoeRuns.Servers(result));
        Assert.Equal("W1=done W2=done", TahoeRuns.Writers(result));
        Assert.False(result.Verdict().ServersAgree);
        Assert.Equal(["W1"], result.Verdict().Lost.ToArray());
        Assert.Equal("S1 holds W1's version (W1#1) while S2 and S3 hold W2's (W2#1): W1's update was lost and nobody was told.", result.Verdict().Explanation);
        Assert.Equal(24, result.Messages.Sent);
        Assert.Equal("14faad458b044362", result.TraceHash);
    }

    [Fact]
    public void Two_phase_commit_refuses_both_writers_then_applies_both_updates_in_turn()
    {
        var sim = Simulator.Create(TahoeRuns.File("tahoe-2pc.yaml"));
        var result = sim.RunToEnd();
        Assert.Equal(TahoeOutcome.Committed, result.Verdict().Outcome);
        Assert.Equal("S1=W1#2 S2=W1#2 S3=W1#2", TahoeRuns.Servers(result));
        Assert.Equal("W1=done W2=done", TahoeRuns.Writers(result));
        Assert.True(result.Verdict().ServersAgree);
        Assert.Empty(result.Verdict().Lost);
        Assert.Equal(90, result.Messages.Sent);
        Assert.Equal(743, result.Ticks);

        // The first tries collided: S1 locked for W2, S2 and S3 for W1, so both were told no.
        var text = sim.Trace.ToText();
        Assert.Contains("W2 enters aborting (S2 said no: locked for W1 try 1)", text, StringComparison.Ordinal);
        Assert.Contains("W1 enters aborting (S1 said no: locked for W2 try 1)", text, StringComparison.Ordinal);
        Assert.Equal("dbdd87eaf66547e8", result.TraceHash);
    }

    [Fact]
    public void The_magic_folder_keeps_both_concurrent_edits_and_shows_the_conflict()
    {
        var result = TahoeRuns.Run(TahoeRuns.File("tahoe-magic-folder.yaml"));
        Assert.Equal(TahoeOutcome.ConflictVisible, result.Verdict().Outcome);
        Assert.Equal("S1=W1+W2 S2=W1+W2 S3=W1+W2", TahoeRuns.Servers(result));
        Assert.Equal([new FolderConflict("W1", "W2")], result.Verdict().Conflicts.ToArray());
        Assert.Empty(result.Verdict().Lost);
        Assert.Equal(33, result.Messages.Sent);
        Assert.Equal("e6530dc51e139dca", result.TraceHash);
    }
}
