using System.Text.Json;

namespace CommitLab.Engine.Tests.Cli;

/// <summary><c>commitlab run</c> reports forced writes beside messages, and the variant a scenario runs.</summary>
public class CommitVariantCliTests
{
    [Theory]
    [InlineData("lessons/scenarios/2pc-happy-path.yaml", 12, 7)]
    [InlineData("lessons/scenarios/2pc-presumed-abort.yaml", 12, 7)]
    [InlineData("lessons/scenarios/2pc-presumed-commit.yaml", 9, 5)]
    [InlineData("lessons/scenarios/2pc-read-only-participant.yaml", 10, 5)]
    [InlineData("lessons/scenarios/2pc-presumed-abort-votes-no.yaml", 10, 2)]
    public void Run_reports_forced_writes_beside_messages(string file, int messages, int forced)
    {
        var result = CliProcess.Run("run", file, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.LastLine).RootElement;
        Assert.Equal(messages, json.GetProperty("messages").GetProperty("sent").GetInt32());
        Assert.Equal(forced, json.GetProperty("forcedWrites").GetInt32());
        Assert.Contains($"log writes  {forced} forced writes", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_names_the_variant_and_the_trace_marks_forced_writes()
    {
        var result = CliProcess.Run("run", "lessons/scenarios/2pc-read-only-participant.yaml", "--trace");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("setup       2pc (presumed abort; P2 read-only), 3 participants", result.Out, StringComparison.Ordinal);
        Assert.Contains("P1 logs prepared (forced)", result.Out, StringComparison.Ordinal);
        Assert.Contains("P2 sends vote-read-only", result.Out, StringComparison.Ordinal);
    }
}
