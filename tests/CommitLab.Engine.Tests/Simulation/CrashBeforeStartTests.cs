using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>
/// A fault triggered while the nodes are starting ("crash P2 when L sends prepare") can take a node
/// down before it has begun the transaction. Found by the random fault mixes: the node used to be
/// started anyway, after its recovery had already aborted, and then voted YES on an aborted
/// transaction, so L and P1 committed while P2 had aborted.
/// </summary>
public class CrashBeforeStartTests
{
    private const string CrashedAndBackBeforeItBegan = """
        title: "P2 crashes and recovers before it begins"
        protocol: 2pc
        participants: 2
        seed: 1557827801
        network: { latency: [27, 42], loss: 0.15 }
        cooperativeTermination: false
        faults:
          - { when: "L sends prepare", do: "crash P2" }
          - { when: "L sends prepare", do: "recover P2" }
          - { at: 436, do: "crash P1" }
          - { at: 1500, do: "heal all" }
          - { at: 1500, do: "recover L" }
          - { at: 1500, do: "recover P1" }
          - { at: 1500, do: "recover P2" }
        """;

    [Fact]
    public void A_participant_that_aborted_on_recovery_before_it_began_votes_no_and_everyone_aborts()
    {
        var sim = Simulator.Create(ScenarioParser.Parse(CrashedAndBackBeforeItBegan, "crash-before-start.yaml"));
        var result = sim.RunToEnd();
        var lines = sim.Trace.ToText().Split('\n');

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Empty(result.Violations);
        Assert.Contains("t=34 P2 sends vote-no #3 to L (arrives t=71)", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("t=0 P2 locks", StringComparison.Ordinal));
    }

    [Fact]
    public void A_participant_still_down_when_its_turn_to_begin_comes_takes_no_locks_and_never_votes()
    {
        var scenario = ScenarioParser.Parse(
            """
            title: "P2 crashes before it begins"
            protocol: 2pc
            participants: 2
            seed: 7
            faults:
              - { when: "L sends prepare", do: "crash P2" }
            """,
            "down-before-start.yaml");

        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Trace.ToText().Split('\n');

        Assert.DoesNotContain(lines, line => line.Contains("P2 locks", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("P2 sends vote", StringComparison.Ordinal));
        Assert.Empty(result.Violations);
    }
}
