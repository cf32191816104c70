using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;
using CommitLab.Web.Lab.Sharing;
using static CommitLab.Web.Tests.Lab.Tahoe.TahoeSessions;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>Tahoe runs in a URL: by name while untouched; earlier whole-scenario <c>tahoe=</c> links still open.</summary>
public sealed class TahoeShareLinkTests
{
    [Fact]
    public void An_untouched_library_run_travels_by_name_with_its_moment()
    {
        using var session = Loaded("tahoe-2pc");
        session.SeekTick(120);

        Assert.Equal("/lab?scenario=tahoe-2pc&t=120", TahoeShareLink.Create("tahoe-2pc", session.HandFaults, session.Tick));
        Assert.Null(TahoeShareLink.Create("tahoe-2pc", handFaults: 1, 120));
    }

    [Fact]
    public void A_whole_scenario_link_opens_as_the_same_run_in_the_shared_session()
    {
        var tahoe = Library.FindTahoe("tahoe-2pc")!.Scenario with { Faults = [new TahoeFault(new TahoeFaultTiming.AtTick(60), new TahoeFaultAction.Crash("S2")), new TahoeFault(new TahoeFaultTiming.AtTick(400), new TahoeFaultAction.Recover("S2"))] };
        var direct = TahoeSimulator.Create(tahoe);
        direct.RunToEnd();

        using var session = new CommitLab.Web.Lab.PlaybackSession();
        session.Load(TahoeShareLink.Read(ShareLink.Encode(TahoeScenarioWriter.ToYaml(tahoe))));
        session.SeekTick(long.MaxValue);

        Assert.Equal(direct.Trace.Hash(), session.Frame.TraceHash);
        Assert.Equal("W1#2,W1#2,W1#2", Holds(session));
    }

    [Theory]
    [InlineData("!!!not-base64!!!", "its tahoe= part is not valid base64url")]
    [InlineData("cHJvdG9jb2w6IHRhaG9lCndyaXRlcnM6IDk", "writers")]
    public void A_damaged_or_forged_link_gives_a_clear_error(string encoded, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => TahoeShareLink.Read(encoded));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
