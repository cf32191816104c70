using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;
using CommitLab.Web.Lab.Sharing;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>Tahoe runs in a URL: by name while untouched, whole once faults were injected by hand.</summary>
public sealed class TahoeShareLinkTests
{
    private static Dictionary<string, string> Query(string? link) =>
        QueryHelpers.ParseQuery(new Uri("http://x" + Assert.IsType<string>(link)).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    [Fact]
    public void An_untouched_library_run_travels_by_name_with_its_moment()
    {
        using var session = TahoeSessions.Loaded("tahoe-2pc");
        session.SeekTick(120);

        var link = TahoeShareLink.Create(session.Scenario, session.HandFaults.IsEmpty ? session.Name : null, session.Tick);

        Assert.Equal("/lab?scenario=tahoe-2pc&t=120", link);
    }

    [Fact]
    public void A_run_with_hand_faults_travels_whole_and_replays_to_the_same_trace()
    {
        using var session = TahoeSessions.Loaded("tahoe-2pc");
        session.SeekTick(60);
        session.Inject(new TahoeFaultAction.Crash("S2"));
        session.SeekTick(400);
        session.Inject(new TahoeFaultAction.Recover("S2"));
        session.RunToEnd();
        var hash = session.Read(sim => sim.Trace.Hash());

        var query = Query(TahoeShareLink.Create(session.Scenario, null, session.Tick));
        var shared = TahoeShareLink.Read(query["tahoe"]);
        var replay = TahoeSimulator.Create(shared);
        replay.RunUntil(long.Parse(query["t"], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("954", query["t"]);
        Assert.Equal(["at 60: crash S2", "at 400: recover S2"], shared.Faults.Select(f => f.ToString()).ToArray());
        Assert.Equal(hash, replay.Trace.Hash());
    }

    [Theory]
    [InlineData("!!!not-base64!!!", "its tahoe= part is not valid base64url")]
    [InlineData("cHJvdG9jb2w6IHRhaG9lCndyaXRlcnM6IDk", "writers")]
    public void A_damaged_or_forged_link_gives_a_clear_error(string encoded, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => TahoeShareLink.Read(encoded));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absurdly_long_link_is_refused_before_decoding()
    {
        var error = Assert.Throws<ScenarioException>(() => TahoeShareLink.Read(new string('A', ShareLink.MaxEncodedLength + 1)));
        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }
}
