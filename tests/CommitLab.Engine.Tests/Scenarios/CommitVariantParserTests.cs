using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>The scenario keys of the 2PC variants: presume, readOnly and timeouts.prepare.</summary>
public class CommitVariantParserTests
{
    private const string Head = "protocol: 2pc\nparticipants: 3\n";

    private static IReadOnlyList<ScenarioError> Errors(string yaml) =>
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "test.yaml")).Errors;

    [Fact]
    public void The_variant_keys_read_into_the_scenario()
    {
        var scenario = ScenarioParser.Parse(Head + "presume: commit\nreadOnly: [P2, P3]\ntimeouts: { prepare: 120 }\n", "test.yaml");

        Assert.Equal(Presumption.Commit, scenario.Presume);
        Assert.Equal(["P2", "P3"], scenario.ReadOnly.Order(StringComparer.Ordinal));
        Assert.Equal(120, scenario.Timeouts.Prepare);
        Assert.Equal(200, scenario.Timeouts.Vote);
    }

    [Fact]
    public void Left_out_they_mean_basic_2pc_with_no_prepare_timeout()
    {
        var scenario = ScenarioParser.Parse(Head, "test.yaml");

        Assert.Equal(Presumption.Nothing, scenario.Presume);
        Assert.Empty(scenario.ReadOnly);
        Assert.Null(scenario.Timeouts.Prepare);
        Assert.Null(ScenarioParser.Parse(Head + "timeouts: { prepare: off }\n", "test.yaml").Timeouts.Prepare);
    }

    [Theory]
    [InlineData(Head + "presume: sometimes\n", 3, 10, "unknown presume 'sometimes'", "presume is nothing (basic 2PC), abort (presumed abort) or commit")]
    [InlineData(Head + "readOnly: P2\n", 3, 11, "readOnly must be a list of participants", "as in 'readOnly: [P2]'")]
    [InlineData(Head + "readOnly: [P9]\n", 3, 12, "unknown node 'P9'", "raise 'participants'")]
    [InlineData(Head + "readOnly: [L]\n", 3, 12, "only participants can be read-only, and L is not one", "name participants P1..P3")]
    [InlineData(Head + "readOnly: [P2, P2]\n", 3, 16, "readOnly names P2 twice", "name each read-only participant once")]
    [InlineData(Head + "votes: { P2: no }\nreadOnly: [P2]\n", 4, 12, "P2 is read-only and also votes no", "remove it from 'votes' or from 'readOnly'")]
    [InlineData(Head + "timeouts: { prepare: soon }\n", 3, 22, "timeouts.prepare must be a whole number", "or 'off' to wait for ever")]
    public void Mistakes_are_reported_at_their_line_and_column_with_a_hint(string yaml, int line, int column, string message, string hint)
    {
        var errors = Errors(yaml);
        var error = errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));

        Assert.True(error is not null, $"no error containing \"{message}\"; got:\n{string.Join("\n", errors)}");
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(hint, error.Hint ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("protocol: 3pc\nparticipants: 3\npresume: abort\n", 3, "presume is a 2PC option")]
    [InlineData("protocol: 3pc\nparticipants: 3\nreadOnly: [P1]\n", 3, "readOnly is a 2PC option")]
    [InlineData("protocol: 3pc\nparticipants: 3\ntimeouts:\n  prepare: 50\n", 4, "timeouts.prepare is a 2PC option")]
    [InlineData(Head + "timeouts:\n  vote: 200\n  prepare: 0\n", 5, "timeouts.prepare must be between 1 and 1000000 ticks, not 0")]
    public void Options_that_do_not_fit_are_refused_at_their_key(string yaml, int line, string message)
    {
        var errors = Errors(yaml);
        var error = errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));

        Assert.True(error is not null, $"no error containing \"{message}\"; got:\n{string.Join("\n", errors)}");
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_misplaced_prepare_key_is_pointed_under_timeouts()
    {
        var errors = Errors(Head + "prepare: 100\n");

        Assert.Contains(errors, e => e.Hint is not null && e.Hint.Contains("'prepare' belongs under 'timeouts:'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Presumption.Nothing, null)]
    [InlineData(Presumption.Abort, 75)]
    [InlineData(Presumption.Commit, 1)]
    public void The_writer_round_trips_every_variant(Presumption presume, int? prepare)
    {
        var scenario = new Scenario
        {
            Participants = 12,
            Presume = presume,
            ReadOnly = ["P10", "P2"],
            NoVoters = ["P3"],
            Timeouts = new TimeoutSettings(Prepare: prepare),
        };
        Assert.Empty(scenario.Validate());

        var yaml = ScenarioWriter.ToYaml(scenario);
        ScenarioAssert.Same(scenario, ScenarioParser.Parse(yaml, "written.yaml"));
        Assert.Contains("readOnly: [P2, P10]\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"presume: {Names.Of(presume)}\n", yaml, StringComparison.Ordinal);
    }
}
