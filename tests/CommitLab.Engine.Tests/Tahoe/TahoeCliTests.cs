using System.Text.Json;
using CommitLab.Engine.Tests.Cli;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary><c>commitlab run</c> on Tahoe files: the same flags and exit codes as for 2PC and 3PC.</summary>
public class TahoeCliTests
{
    [Fact]
    public void Run_reports_the_final_versions_and_the_lost_update_as_json()
    {
        var result = CliProcess.Run("run", "lessons/scenarios/tahoe-uncoordinated.yaml", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("servers     S1=W1#1  S2=W2#1  S3=W2#1", result.Out, StringComparison.Ordinal);
        var json = JsonDocument.Parse(result.LastLine).RootElement;
        Assert.Equal("tahoe", json.GetProperty("protocol").GetString());
        Assert.Equal("uncoordinated", json.GetProperty("mode").GetString());
        Assert.Equal("lost-update", json.GetProperty("outcome").GetString());
        Assert.False(json.GetProperty("serversAgree").GetBoolean());
        Assert.Equal("W1", json.GetProperty("lostUpdates")[0].GetString());
        Assert.Equal("5ccc172086d23936", json.GetProperty("traceHash").GetString());
        Assert.True(json.GetProperty("expectMet").GetBoolean());
    }

    [Fact]
    public void One_json_line_shape_per_family_each_without_the_others_fields()
    {
        // One report for every protocol: a Tahoe run leaves out votes and decisions, a 2PC run leaves out versions.
        var tahoe = JsonDocument.Parse(CliProcess.Run("run", "lessons/scenarios/tahoe-2pc.yaml", "--json").LastLine).RootElement;
        var commit = JsonDocument.Parse(CliProcess.Run("run", "lessons/scenarios/2pc-happy-path.yaml", "--json").LastLine).RootElement;

        Assert.Equal(
            ["protocol", "mode", "outcome", "servers", "writers", "serversAgree", "lostUpdates", "conflicts", "explanation", "messages", "ticks", "events", "traceHash", "seed", "expectMet", "stopped"],
            tahoe.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["outcome", "decisions", "blocked", "violations", "messages", "forcedWrites", "ticks", "events", "traceHash", "seed", "expectMet", "stopped", "holdingLocks"],
            commit.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_seed_flag_replaces_the_files_seed_and_trace_prints_every_event()
    {
        var result = CliProcess.Run("run", "lessons/scenarios/tahoe-2pc.yaml", "--seed", "1", "--trace");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("t=0 W1 enters reading (try 1)", result.Out, StringComparison.Ordinal);
        Assert.Contains("seed        1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_tahoe_file_exits_2_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tahoe-broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "protocol: tahoe-2pc\ntahoe:\n  writers: 12\n");
        try
        {
            var result = CliProcess.Run("run", path);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"{path}:3:12: tahoe.writers must be between 2 and 4, not 12", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_expectation_that_does_not_hold_exits_1()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tahoe-expect-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "protocol: tahoe-uncoordinated\ntahoe: { starts: { W2: 5 } }\nseed: 3\nexpect: { outcome: committed }\n");
        try
        {
            var result = CliProcess.Run("run", path);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("expectation not met: expected committed, but the run ended lost-update", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
