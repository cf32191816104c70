using CommitLab.Cli;

namespace CommitLab.Engine.Tests.Cli;

/// <summary>Argument checking, in-process: no simulation runs, so these are fast and need no child process.</summary>
public class CliAppTests
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, new CliOutput(stdout, stderr, Interactive: false, ErrorInteractive: false));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "3", "--runs", "0" }, "--runs must be between 1 and 1,000,000, not 0")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "3", "--runs", "1000001" }, "--runs must be between 1 and 1,000,000")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "17", "--runs", "5" }, "--participants must be between 1 and 16, not 17")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "0", "--runs", "5" }, "--participants must be between 1 and 16, not 0")]
    [InlineData(new[] { "fuzz", "--protocol", "4pc", "--participants", "3", "--runs", "5" }, "--protocol must be 2pc, 3pc or tahoe, not '4pc'")]
    [InlineData(new[] { "fuzz", "--protocol", "3pc", "--runs", "5" }, "--participants is required with --protocol 2pc or 3pc: 1 to 16")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "3", "--runs", "5", "--writers", "2" }, "--writers is for --protocol tahoe")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "3", "--runs", "5", "--mode", "2pc" }, "--mode is for --protocol tahoe")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "3", "--runs", "5", "--detector", "oracle" }, "--detector must be timeout or perfect")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "3", "--runs", "5", "--faults", "crash,meteor" }, "unknown fault kind 'meteor'")]
    [InlineData(new[] { "fuzz", "--participants", "3", "--runs", "5" }, "--protocol")]
    [InlineData(new[] { "fuzz", "--protocol", "2pc", "--participants", "three", "--runs", "5" }, "three")]
    [InlineData(new[] { "run" }, "Required argument missing")]
    [InlineData(new[] { "run", "a.yaml", "--seed", "-1" }, "-1")]
    [InlineData(new[] { "launch" }, "launch")]
    [InlineData(new string[0], "Required command was not provided")]
    public void Bad_arguments_exit_2_with_a_message(string[] args, string message)
    {
        var (exit, _, error) = Run(args);
        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_exits_0()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("fuzz", output, StringComparison.Ordinal);
    }
}
