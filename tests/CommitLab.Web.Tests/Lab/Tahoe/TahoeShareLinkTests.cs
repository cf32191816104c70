using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Sharing;
using static CommitLab.Web.Tests.Lab.Tahoe.TahoeSessions;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>Whole-scenario <c>tahoe=</c> links made before Tahoe runs shared the Lab's one session still open, through the one parser.</summary>
public sealed class TahoeShareLinkTests
{
    [Fact]
    public void A_whole_scenario_link_opens_as_the_same_run_in_the_shared_session()
    {
        var tahoe = Library.Find("tahoe-2pc")!.Scenario with
        {
            Faults = [new ScheduledFault(new FaultTiming.AtTick(60), new FaultAction.Crash("S2")), new ScheduledFault(new FaultTiming.AtTick(400), new FaultAction.Recover("S2"))],
        };
        var direct = Simulator.Create(tahoe);
        direct.RunToEnd();

        using var session = new CommitLab.Web.Lab.PlaybackSession();
        session.Load(ShareLink.ReadScenario(ShareLink.Encode(ScenarioWriter.ToYaml(tahoe)), "tahoe"));
        session.SeekTick(long.MaxValue);

        Assert.Equal(direct.Trace.Hash(), session.Frame.TraceHash);
        Assert.Equal("W1#2,W1#2,W1#2", Holds(session));
    }

    [Theory]
    [InlineData("!!!not-base64!!!", "its tahoe= part is not valid base64url")]
    [InlineData("cHJvdG9jb2w6IHRhaG9lCndyaXRlcnM6IDk", "writers")]
    public void A_damaged_or_forged_link_gives_a_clear_error(string encoded, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ShareLink.ReadScenario(encoded, "tahoe"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
