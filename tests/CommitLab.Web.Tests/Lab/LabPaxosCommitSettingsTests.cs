using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>Paxos Commit in the Lab's settings: the acceptors survive a re-run, and a bad count is refused with a reason.</summary>
public class LabPaxosCommitSettingsTests
{
    [Fact]
    public void Rerunning_a_paxos_commit_scenario_with_another_seed_keeps_its_acceptors()
    {
        using var lab = new PlaybackSession();
        lab.Load(new Scenario { Protocol = ProtocolKind.PaxosCommit, Acceptors = 5, Seed = 42 });

        // What the Lab page does when its settings panel re-runs with another seed.
        lab.Load((LabSettings.From(lab.Loaded) with { Seed = 7 }).ToScenario(PlaybackSession.OwnRunTitle));

        Assert.Equal(ProtocolKind.PaxosCommit, lab.Recording.Protocol);
        Assert.Equal(5, lab.Recording.Acceptors);
        Assert.Equal(["L", "P1", "P2", "P3", "A1", "A2", "A3", "A4", "A5"], lab.Snapshot.Nodes.Select(n => n.Name).ToArray());
    }

    [Fact]
    public void An_even_number_of_acceptors_is_refused_and_other_protocols_ignore_the_setting()
    {
        Assert.Contains(new LabSettings { Protocol = ProtocolKind.PaxosCommit, Acceptors = 4 }.Problems(), p => p.Contains("acceptors must be an odd number 2F+1", StringComparison.Ordinal));
        Assert.Empty(new LabSettings { Protocol = ProtocolKind.TwoPhase, Acceptors = 4 }.Problems());
        Assert.Equal(0, new LabSettings { Protocol = ProtocolKind.TwoPhase, Acceptors = 5 }.ToScenario("t").Acceptors);
    }
}
