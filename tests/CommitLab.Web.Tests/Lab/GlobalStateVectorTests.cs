using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>The global state vector reads every node's state, vote, decision and log tail from the frame.</summary>
public class GlobalStateVectorTests
{
    [Fact]
    public void At_the_start_everyone_is_working_and_nobody_has_voted_or_logged()
    {
        using var lab = new PlaybackSession();

        var vector = GlobalStateVector.From(lab.Frame.Snapshot);

        Assert.Equal("(L collecting votes, P1 working, P2 working, P3 working)", vector.Tuple);
        Assert.All(vector.Nodes, n => Assert.Equal(GlobalStateVector.None, n.Vote));
        Assert.All(vector.Nodes, n => Assert.Equal(GlobalStateVector.None, n.LogTail));
    }

    [Fact]
    public void A_leader_crashed_after_logging_commit_leaves_a_vector_of_uncertain_yes_voters()
    {
        using var lab = new PlaybackSession();
        lab.Load(new Scenario { Participants = 3 } with
        {
            Faults = [new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L logs commit")), FaultText.ParseAction("crash L"))],
        });
        lab.SeekTick(1_000);

        var vector = GlobalStateVector.From(lab.Frame.Snapshot);

        Assert.Equal("(L crashed, P1 uncertain, P2 uncertain, P3 uncertain)", vector.Tuple);
        var l = vector.Nodes[0];
        // Down, L has no volatile decision; its log still holds the commit that nobody else knows.
        Assert.Equal((GlobalStateVector.None, "COMMIT", false), (l.Decision, l.LogTail, l.Up));
        Assert.All(vector.Nodes.Skip(1), p => Assert.Equal(("yes", GlobalStateVector.None, "PREPARED"), (p.Vote, p.Decision, p.LogTail)));
    }

    [Fact]
    public void A_participant_set_to_vote_no_shows_its_no_once_it_has_aborted()
    {
        using var lab = new PlaybackSession();
        lab.Inject(new FaultAction.VoteNo("P2"));
        lab.SeekTick(1_000);

        var vector = GlobalStateVector.From(lab.Frame.Snapshot);

        Assert.Equal("no", vector.Nodes.Single(n => n.Node == "P2").Vote);
        Assert.All(vector.Nodes, n => Assert.Equal("abort", n.Decision));
    }
}
