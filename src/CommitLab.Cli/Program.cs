using CommitLab.Cli;

// Spectre's live progress and tables only make sense on a terminal; when output goes to a file or a
// pipe (CI, tests, `| tee`), everything is plain text.
return CliApp.Run(args, new CliOutput(Console.Out, Console.Error, Interactive: !Console.IsOutputRedirected, ErrorInteractive: !Console.IsErrorRedirected));
