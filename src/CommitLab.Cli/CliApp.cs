using System.CommandLine;

namespace CommitLab.Cli;

/// <summary>The <c>commitlab</c> command line: <c>run</c> one scenario, <c>fuzz</c> many generated ones, or <c>explore</c> every state of a model.</summary>
public static class CliApp
{
    public static int Run(string[] args, CliOutput output)
    {
        var root = new RootCommand("CommitLab: run two-phase commit, three-phase commit and Tahoe-LAFS scenarios on the deterministic engine, or fuzz them.")
        {
            RunCommand.Create(output),
            FuzzCommand.Create(output),
            ExploreCommand.Create(output),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine would exit 1 on these; here 1 means "expectation failed", and a
            // usage mistake is bad input like any other.
            foreach (var error in parsed.Errors)
            {
                output.Error.WriteLine($"commitlab: {error.Message}");
            }

            output.Error.WriteLine("Run 'commitlab --help' for usage.");
            return ExitCode.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output.Out,
            Error = output.Error,
            // Commands catch what they expect; anything else is an engine bug and gets its own exit code below.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return parsed.Invoke(configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output.Error.WriteLine($"commitlab: internal error: {e.GetType().Name}: {e.Message}");
            output.Error.WriteLine("This is a bug in CommitLab, not in your scenario. Please report it with the command line above.");
            output.Error.WriteLine(e.StackTrace);
            return ExitCode.InternalError;
        }
    }
}
