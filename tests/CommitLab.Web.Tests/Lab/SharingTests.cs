using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Tests.Lab;

public class SharingTests
{
    private static (Simulator Sim, TimelinePosition Cursor) SomeRun()
    {
        var sim = Simulator.Create(new Scenario { Participants = 3, Seed = 9 });
        sim.RunUntil(70);
        sim.Inject(new FaultAction.Crash("L"));
        sim.RunUntil(450);
        return (sim, new TimelinePosition(sim.Events, sim.Tick));
    }

    [Fact]
    public void A_share_link_replays_the_same_run_to_the_same_moment()
    {
        var (sim, cursor) = SomeRun();
        var link = ShareLink.Create(sim.Recorded(), cursor);
        Assert.NotNull(link);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);

        var (recording, at) = ShareLink.Read(query["run"]!, long.Parse(query["e"]!), long.Parse(query["t"]!));
        var replay = Simulator.Create(recording);
        replay.RunUntilEvent(at.Events);
        replay.RunUntil(at.Tick);

        Assert.Equal(cursor, at);
        Assert.Equal(sim.Trace.Hash(), replay.Trace.Hash());
    }

    [Theory]
    [InlineData("!!!not-base64!!!", "not valid base64url")]
    [InlineData("cHJvdG9jb2w6IDRwYw", "protocol")]
    public void A_damaged_or_forged_link_gives_a_clear_error(string run, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ShareLink.Read(run, 0, 0));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_link_is_refused_before_decoding()
    {
        var error = Assert.Throws<ScenarioException>(() => ShareLink.Read(new string('A', ShareLink.MaxEncodedLength + 1), 0, 0));

        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trace_export_imports_back_to_the_same_run_and_a_tampered_one_is_caught()
    {
        var (sim, cursor) = SomeRun();
        var json = TraceExport.Write(sim);

        var (recording, at) = TraceExport.Import("run.json", json);
        Assert.Equal(cursor, at);
        Assert.Equal(sim.Recorded().Faults.Length, recording.Faults.Length);

        var tampered = json.Replace("\"seed\": 9", "\"seed\": 10", StringComparison.Ordinal).Replace("seed: 9", "seed: 10", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => TraceExport.Import("run.json", tampered));
        Assert.Contains("does not replay to its own trace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"hello\": 1 }", "not a CommitLab trace export")]
    [InlineData("{ broken", "not valid JSON")]
    [InlineData("protocol: 2pc\nparticipants: 99\n", "participants must be between 1 and 16")]
    public void Importing_a_bad_file_says_what_is_wrong(string content, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => TraceExport.Import("bad", content));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
