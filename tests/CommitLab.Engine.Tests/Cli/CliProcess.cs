using System.Diagnostics;

namespace CommitLab.Engine.Tests.Cli;

/// <summary>
/// Runs the real <c>commitlab</c> in a fresh process, from the repository root, the way a student
/// or CI would. A fresh process is the point: determinism must hold across processes, not only
/// within one.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string LastLine => Out.TrimEnd('\n', '\r').Split('\n')[^1].TrimEnd('\r');

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    /// <summary>The CLI assembly the build copies next to the test assembly, since the test project references the Cli project.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "commitlab.dll");

    public static Result Run(params string[] args)
    {
        Assert.True(File.Exists(Dll), $"{Dll} is missing: the test project must reference src/CommitLab.Cli");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Scenarios.RepoFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        // Both streams are read concurrently: a child that fills one pipe while we wait on the
        // other would otherwise deadlock.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"commitlab {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
