using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>The 2PC variants survive the Lab's settings panel: nothing a scenario file set is lost on "Run with these settings".</summary>
public class LabVariantSettingsTests
{
    [Fact]
    public void Rerunning_a_presumed_commit_scenario_with_another_seed_keeps_its_variant()
    {
        using var lab = new PlaybackSession();
        lab.Load(new Scenario { Presume = Presumption.Commit, ReadOnly = ["P2"], Timeouts = new TimeoutSettings(Prepare: 120), Seed = 42 });

        // What the settings panel does on "Run with these settings": the loaded run's settings, one changed.
        lab.Load((LabSettings.From(lab.Loaded) with { Seed = 7 }).ToScenario(PlaybackSession.OwnRunTitle));

        Assert.Equal(Presumption.Commit, lab.Recording.Presume);
        Assert.Equal(["P2"], lab.Recording.ReadOnly.ToArray());
        Assert.Equal(120, lab.Recording.Timeouts.Prepare);
        Assert.Equal(7UL, lab.Recording.Seed);
        // Presumed commit: L is busy forcing COLLECTING, so no PREPARE is on its way yet.
        Assert.True(lab.Snapshot.Nodes.Single(n => n.Name == "L").Busy);
        Assert.Empty(lab.Snapshot.InFlight);
    }

    [Fact]
    public void Switching_to_3pc_drops_the_2pc_only_options_instead_of_refusing()
    {
        var settings = new LabSettings { Presume = Presumption.Abort, ReadOnly = ["P1"], PrepareTimeout = 50, Protocol = ProtocolKind.ThreePhase };

        Assert.Empty(settings.Problems());
        var scenario = settings.ToScenario("3pc");
        Assert.Equal(Presumption.Nothing, scenario.Presume);
        Assert.Empty(scenario.ReadOnly);
        Assert.Null(scenario.Timeouts.Prepare);
    }

    [Fact]
    public void A_participant_both_read_only_and_voting_no_is_a_problem_the_panel_shows()
    {
        var settings = new LabSettings { ReadOnly = ["P2"], NoVoters = ["P2"] };

        Assert.Contains(settings.Problems(), p => p.Contains("also votes no", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_participants_is_one_clear_sentence_in_the_labs_own_limit()
    {
        var settings = new LabSettings { Participants = 100 };

        var problem = Assert.Single(settings.Problems());

        Assert.Equal($"The Lab draws 1 to {LabSettings.MaxParticipants} participants, not 100.", problem);
        using var session = new PlaybackSession();
        Assert.Throws<ScenarioException>(() => session.Load(settings.ToScenario("too many")));
        Assert.Equal(PlaybackSession.OwnRunTitle, session.Title);
    }
}
