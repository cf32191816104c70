using Spectre.Console;

namespace CommitLab.Cli;

/// <summary>
/// Where a command writes, and whether a person is watching. Commands never touch
/// <see cref="Console"/> directly, so tests can run them in-process against string writers.
/// </summary>
/// <param name="Interactive">Standard output is a terminal: tables and live progress are welcome.</param>
/// <param name="ErrorInteractive">Standard error is a terminal: a plain <c>\r</c> progress line may go there.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error, bool Interactive, bool ErrorInteractive)
{
    /// <summary>A Spectre console on <see cref="Out"/>; only used when <see cref="Interactive"/>.</summary>
    public IAnsiConsole Ansi() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });
}
