using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Network;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab;

/// <summary>The drawing's legend speaks the run's own protocol, as its roles declare what they send.</summary>
public class LegendEntryTests
{
    private static string Legend(ProtocolKind protocol) => Said(LegendEntry.For(protocol));

    private static string Legend(string scenario) => Said(LegendEntry.For(RepositoryFiles.Scenario(scenario).Scenario));

    private static string Said(IEnumerable<LegendEntry> entries) => string.Join(" | ", entries.Select(e => $"{e.Glyph} {e.Words}"));

    [Fact]
    public void A_2pc_run_without_a_read_only_participant_never_mentions_read_only() =>
        Assert.Equal(
            "● prepare | ▲ yes | ▲ no | ◆ commit | ■ abort | ▲ ack | ? asking for the outcome",
            Legend("2pc-happy-path"));

    [Fact]
    public void A_2pc_run_with_a_read_only_participant_lists_read_only_where_it_always_stood() =>
        Assert.Equal(
            "● prepare | ▲ yes | ▲ no | ◆ commit | ■ abort | ▲ ack | ▲ read-only | ? asking for the outcome",
            Legend("2pc-read-only-participant"));

    [Theory]
    [InlineData("2pc-outcome-log")]
    [InlineData("2pc-presumed-commit")]
    [InlineData("2pc-participant-votes-no")]
    public void Other_2pc_options_keep_the_same_words_as_a_plain_run(string scenario) =>
        Assert.Equal(Legend("2pc-happy-path"), Legend(scenario));

    [Theory]
    [InlineData("3pc-happy-path", ProtocolKind.ThreePhase)]
    [InlineData("paxos-commit-happy-path", ProtocolKind.PaxosCommit)]
    [InlineData("tahoe-2pc", ProtocolKind.TahoeTwoPhase)]
    public void Protocols_without_scenario_dependent_messages_keep_their_whole_legend(string scenario, ProtocolKind protocol) =>
        Assert.Equal(Legend(protocol), Legend(scenario));

    [Fact]
    public void The_frame_a_page_draws_carries_the_legend_of_its_own_run()
    {
        var plain = new LabFrameBuilder().Build(Simulator.Create(RepositoryFiles.Scenario("2pc-happy-path").Scenario), playing: false, speed: 1);
        var readOnly = new LabFrameBuilder().Build(Simulator.Create(RepositoryFiles.Scenario("2pc-read-only-participant").Scenario), playing: false, speed: 1);

        Assert.DoesNotContain("read-only", Said(plain.Legend), StringComparison.Ordinal);
        Assert.Contains("read-only", Said(readOnly.Legend), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_phase_commit_as_a_whole_says_prepare_and_asking_for_the_outcome() =>
        Assert.Equal(
            "● prepare | ▲ yes | ▲ no | ◆ commit | ■ abort | ▲ ack | ▲ read-only | ? asking for the outcome",
            Legend(ProtocolKind.TwoPhase));

    [Fact]
    public void Three_phase_commit_says_can_commit_pre_commit_and_state_requests_never_prepare() =>
        Assert.Equal(
            "● can-commit? | ▲ yes | ▲ no | ⬢ pre-commit | ◆ do-commit | ■ abort | ▲ ack | ? asking for the outcome / state request",
            Legend(ProtocolKind.ThreePhase));

    [Fact]
    public void Tahoe_lafs_names_its_reads_and_writes()
    {
        var legend = Legend(ProtocolKind.TahoeTwoPhase);
        Assert.Contains("read", legend, StringComparison.Ordinal);
        Assert.DoesNotContain("asking for the outcome", legend, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_line_is_coloured_like_the_markers_it_explains()
    {
        var entries = LegendEntry.For(ProtocolKind.ThreePhase);
        Assert.Equal("msg-precommit", entries.Single(e => e.Words == "pre-commit").Family);
        Assert.Equal(MessageStyle.Family(MessageKind.CanCommit), entries.Single(e => e.Words == "can-commit?").Family);
    }
}
