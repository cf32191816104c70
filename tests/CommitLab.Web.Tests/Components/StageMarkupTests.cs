using System.Text.RegularExpressions;
using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Network;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Components;

/// <summary>The stage draws one frame: every part of it shows the same moment of the run.</summary>
public sealed partial class StageMarkupTests
{
    [GeneratedRegex("<article class=\"node-card[^\"]*\" aria-label=\"(?<name>[^\"]+)\">.*?<span class=\"status\">(?<status>[^<]*)</span>", RegexOptions.Singleline)]
    private static partial Regex NodeCardStatus();

    [Fact]
    public async Task After_stepping_back_from_a_violation_the_monitors_the_node_cards_and_the_network_all_show_the_earlier_moment()
    {
        using var session = new PlaybackSession();
        session.Load(RepositoryFiles.Scenario("3pc-partition-timeout-detector").Scenario);
        session.SeekTick(LabSettings.MaxTicks);
        var end = session.Frame.Snapshot;
        Assert.False(end.Monitors.Atomicity);

        // Back, one event at a time, to the last moment before the two sides disagreed.
        while (!session.Frame.Snapshot.Monitors.Atomicity)
        {
            Assert.True(session.StepBack());
        }

        var moment = session.Frame.Snapshot;
        var html = await ComponentHtml.RenderAsync<Stage>(new Dictionary<string, object?> { [nameof(Stage.Frame)] = session.Frame });

        Assert.Contains($"data-events=\"{moment.Events}\" data-tick=\"{moment.Tick}\"", html, StringComparison.Ordinal);
        Assert.Contains("Atomicity holds", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Atomicity violated", html, StringComparison.Ordinal);
        var cards = NodeCardStatus().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["status"].Value);
        Assert.Equal(moment.Nodes.Select(n => n.Name), cards.Keys);
        foreach (var node in moment.Nodes)
        {
            var status = NodeStatus.Of(node.Role, node.Phase, node.Up, node.Frozen, node.Busy);
            Assert.Equal(status, cards[node.Name]);
            Assert.Contains($"aria-label=\"{node.Name} {status},", html, StringComparison.Ordinal);
        }

        // The moment really is an earlier one: some node's state differs from the end's.
        Assert.Contains(moment.Nodes, n => end.Nodes.Single(e => e.Name == n.Name).Phase != n.Phase);
    }

    [Fact]
    public async Task While_a_question_is_open_the_stage_holds_back_why_the_run_is_stuck()
    {
        using var session = new PlaybackSession();
        session.Load(RepositoryFiles.Scenario("2pc-leader-crash-after-commit").Scenario);
        session.SeekTick(LabSettings.MaxTicks);
        Assert.NotNull(session.Frame.Standstill);

        var open = await ComponentHtml.RenderAsync<Stage>(new Dictionary<string, object?> { [nameof(Stage.Frame)] = session.Frame, [nameof(Stage.QuestionOpen)] = true });
        var shut = await ComponentHtml.RenderAsync<Stage>(new Dictionary<string, object?> { [nameof(Stage.Frame)] = session.Frame });

        Assert.Contains("data-testid=\"narration-held\"", open, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"narration-cause\"", open, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"narration-cause\"", shut, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Space-time diagram", shut, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", shut, StringComparison.Ordinal);
    }
}
