using CommitLab.Engine.Protocols;
using CommitLab.Web.Lab.Network;

namespace CommitLab.Web.Tests.Lab;

/// <summary>The drawing's legend speaks the run's own protocol, as its roles declare what they send.</summary>
public class LegendEntryTests
{
    private static string Legend(ProtocolKind protocol) =>
        string.Join(" | ", LegendEntry.For(protocol).Select(e => $"{e.Glyph} {e.Words}"));

    [Fact]
    public void Two_phase_commit_says_prepare_and_asking_for_the_outcome() =>
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
