using CommitLab.Engine.Tahoe;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Tahoe;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>The Tahoe view model: the words and shapes the panel shows, from real runs of the shipped scenarios.</summary>
public sealed class TahoeLabViewTests
{
    private static ScenarioLibrary Library => TahoeSessions.Library;

    private static TahoeLabSession Loaded(string name) => TahoeSessions.Loaded(name);

    [Fact]
    public void The_library_keeps_tahoe_scenarios_apart_from_the_2pc_ones()
    {
        Assert.Equal(["tahoe-2pc", "tahoe-magic-folder", "tahoe-uncoordinated"], Library.TahoeScenarios.Select(s => s.Name).ToArray());
        Assert.DoesNotContain(Library.Scenarios, s => s.Name.StartsWith("tahoe", StringComparison.Ordinal));
        Assert.Equal("tahoe-2pc", Library.TahoeFor(TahoeMode.TwoPhase)?.Name);
        Assert.StartsWith("The same two writers", Library.FindTahoe("tahoe-2pc")!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void At_the_start_writers_wait_above_servers_holding_the_original_version()
    {
        using var session = Loaded("tahoe-uncoordinated");
        var view = TahoeLabView.From(session.Snapshot);

        Assert.All(view.Writers, w => Assert.True(w.At.Y < view.Servers[0].At.Y));
        Assert.Equal(["waiting", "waiting"], view.Writers.Select(w => w.State).ToArray());
        Assert.Equal("starts at 5 ms", view.Writers[1].Detail);
        Assert.All(view.Servers, s => Assert.Equal("v0", s.Holds));
        Assert.Equal(6, view.Wires.Length);
        Assert.Null(view.Outcome);
        Assert.Equal("Servers agree", view.AgreeBadge.Headline);
    }

    [Fact]
    public void Uncoordinated_ends_with_the_lost_update_said_in_plain_words()
    {
        using var session = Loaded("tahoe-uncoordinated");
        session.RunToEnd();
        var view = TahoeLabView.From(session.Snapshot);

        Assert.Equal(["W1#1", "W2#1", "W2#1"], view.Servers.Select(s => s.Holds).ToArray());
        Assert.Equal("Server S1: holds W1#1", view.Servers[0].Description);
        Assert.Equal("bad", view.AgreeBadge.Tone);
        Assert.Equal("Lost update: W1", view.LostBadge.Headline);
        var outcome = Assert.IsType<TahoeVerdictView>(view.Outcome);
        Assert.Equal(("bad", "✗", "Lost update."), (outcome.Tone, outcome.Icon, outcome.Headline));
        Assert.Equal("S1 holds W1's version (W1#1) while S2 and S3 hold W2's (W2#1): W1's update was lost and nobody was told.", outcome.Text);
        Assert.Equal(["told: saved", "told: saved"], view.Writers.Select(w => w.State).ToArray());
    }

    [Fact]
    public void Two_phase_commit_shows_locks_staged_shares_and_votes_in_flight()
    {
        using var session = Loaded("tahoe-2pc");
        session.SeekTick(100);
        var view = TahoeLabView.From(session.Snapshot);

        Assert.Equal("locked for W2 try 1", view.Servers[0].Lock);
        Assert.Equal("staged W2#1", view.Servers[0].Staged);
        Assert.Equal("locked for W1 try 1", view.Servers[1].Lock);
        Assert.Contains("locked", view.Servers[1].Css, StringComparison.Ordinal);
        Assert.Equal(["preparing", "preparing"], view.Writers.Select(w => w.State).ToArray());
        var prepare = Assert.Single(view.Messages, m => m.Label == "prepare W2#1" && m.Description.Contains("to S2", StringComparison.Ordinal));
        Assert.Equal(("circle", "msg-request"), (prepare.Shape, prepare.Css));
        Assert.InRange(prepare.At.Y, 56, 236);
    }

    [Fact]
    public void Two_phase_commit_ends_with_every_server_on_the_same_version()
    {
        using var session = Loaded("tahoe-2pc");
        session.RunToEnd();
        var view = TahoeLabView.From(session.Snapshot);

        Assert.All(view.Servers, s => Assert.Equal("W1#2", s.Holds));
        Assert.All(view.Servers, s => Assert.Null(s.Lock));
        Assert.Equal(["committed", "committed"], view.Writers.Select(w => w.State).ToArray());
        Assert.Equal("Every server on the same version.", view.Outcome!.Headline);
        Assert.Equal("ok", view.Outcome.Tone);
    }

    [Fact]
    public void The_magic_folder_reader_shows_the_conflict_and_keeps_both_edits()
    {
        using var session = Loaded("tahoe-magic-folder");
        session.RunToEnd();
        var view = TahoeLabView.From(session.Snapshot);

        var reader = Assert.IsType<TahoeReaderNode>(view.Reader);
        Assert.Equal("notes.txt with W1's edit and W2's edit", reader.Shows);
        Assert.Equal("conflict: W1 and W2 edited notes.txt concurrently, both kept", reader.Conflict);
        Assert.Equal(9, view.Wires.Length);
        Assert.All(view.Servers, s => Assert.Equal("logs: W1+W2", s.Holds));
        Assert.Equal(("warn", "!"), (view.Outcome!.Tone, view.Outcome.Icon));
    }

    [Fact]
    public void The_session_plays_by_wall_time_steps_and_restarts()
    {
        using var session = Loaded("tahoe-2pc");
        session.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((long)TahoeLabSession.TicksPerSecond, session.Snapshot.Tick);
        session.Restart();
        Assert.Equal(0, session.Snapshot.Tick);
        Assert.Equal(3, session.Snapshot.InFlight.Length);
        Assert.True(session.StepEvent());
        Assert.Equal(5, session.Snapshot.Tick);
        Assert.Equal(6, session.Snapshot.InFlight.Length);
        Assert.Contains("t=0 W1 sends read #1 to S1 (arrives t=35)", session.RecentLines(10));
    }

    [Fact]
    public void A_crashed_server_is_crossed_out_and_says_so()
    {
        using var session = new TahoeLabSession();
        session.Load(Library.FindTahoe("tahoe-2pc")!.Scenario with
        {
            Faults = [new TahoeFault(new TahoeFaultTiming.AtTick(90), new TahoeFaultAction.Crash("S2")), new TahoeFault(new TahoeFaultTiming.AtTick(95), new TahoeFaultAction.Cut("W1", "S3", true))],
        });
        session.SeekTick(100);
        var view = TahoeLabView.From(session.Snapshot);

        Assert.False(view.Servers[1].Up);
        Assert.StartsWith("Server S2: crashed, on disk holds v0", view.Servers[1].Description, StringComparison.Ordinal);
        Assert.Contains(view.Wires, w => w.Cut && w.Description == "link W1-S3 is cut");
    }

    [Fact]
    public void Seven_servers_and_four_writers_fit_side_by_side_without_overlapping()
    {
        using var session = new TahoeLabSession();
        session.Load(new TahoeScenario { Writers = 4, Servers = 7 });
        var view = TahoeLabView.From(session.Snapshot);

        foreach (var row in new[] { view.Servers.Select(s => s.At.X).ToArray(), view.Writers.Select(w => w.At.X).ToArray() })
        {
            Assert.All(row.Zip(row.Skip(1)), pair => Assert.True(pair.Second - pair.First > 2 * TahoeLayout.NodeHalfWidth));
            Assert.True(row[0] > TahoeLayout.NodeHalfWidth && row[^1] < view.Width - TahoeLayout.NodeHalfWidth);
        }

        Assert.Equal(28, view.Wires.Length);
    }
}
