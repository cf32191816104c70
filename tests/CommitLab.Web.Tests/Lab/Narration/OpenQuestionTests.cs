using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;
using CommitLab.Web.Lab.Narration;

namespace CommitLab.Web.Tests.Lab.Narration;

/// <summary>While a question is open the narration tells what happened and nothing that gives the answer away.</summary>
public sealed class OpenQuestionTests
{
    // Words that say what will or may happen, or how to read the situation, rather than what happened.
    private static readonly string[] Forecasts = [" will ", "blocked", " until ", " must ", " may ", " can ", "unless", "so that", "cannot undo", "safe"];

    private static IReadOnlyList<NarrationLine> All(Trace trace, ProtocolKind protocol) =>
        Narrator.Recent(trace, protocol, trace.Count, int.MaxValue);

    [Fact]
    public void With_a_question_open_the_leader_crash_line_says_who_is_uncertain_but_not_that_they_are_blocked()
    {
        var (scenario, trace) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");
        var full = All(trace, scenario.Protocol);
        var crash = full.Single(l => l.Text.StartsWith("L crashes", StringComparison.Ordinal));
        Assert.Contains("blocked, holding their locks", crash.Text, StringComparison.Ordinal);

        var held = OpenQuestion.Narration(full);

        var heldCrash = held.Single(l => l.TraceIndex == crash.TraceIndex);
        Assert.Equal("L crashes after logging COMMIT, before anyone heard it. P1, P2 and P3 voted YES and are uncertain.", heldCrash.Text);
        Assert.Equal(crash.Tick, heldCrash.Tick);
        Assert.Equal(full.Count, held.Count);
        Assert.DoesNotContain(held, l => l.Text.Contains("blocked", StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_without_an_interpretation_are_shown_whole_and_closing_the_question_restores_every_line()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        var full = All(trace, ProtocolKind.TwoPhase);

        var held = OpenQuestion.Narration(full);

        Assert.Contains(held, l => l.Text == "P1 votes YES.");
        Assert.Contains(held, l => l.Text == "L force-writes COMMIT to its log before telling anyone.");
        Assert.Contains(full, l => l.Text.StartsWith("L force-writes COMMIT to its log before telling anyone: the decision is now durable", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void No_line_of_any_shipped_run_forecasts_while_a_question_is_open(string file)
    {
        var (scenario, trace) = LessonRuns.Lesson(file);

        var held = OpenQuestion.Narration(All(trace, scenario.Protocol));

        foreach (var line in held)
        {
            var forecast = Forecasts.FirstOrDefault(f => line.Text.Contains(f, StringComparison.Ordinal));
            Assert.True(forecast is null, $"{file} at {line.Tick} ms says \"{forecast}\": {line.Text}");
        }
    }

    [Fact]
    public void A_tahoe_send_line_loses_its_arrival_time_and_nothing_else()
    {
        Assert.Equal("t=12 W1 sends prepare #3 to S2", OpenQuestion.TahoeLine("t=12 W1 sends prepare #3 to S2 (arrives t=31)"));
        Assert.Equal("t=40 S2 locks the file for W1", OpenQuestion.TahoeLine("t=40 S2 locks the file for W1"));
    }

    public static TheoryData<string> ShippedScenarios() => [.. LessonRuns.ScenarioFiles()];
}
