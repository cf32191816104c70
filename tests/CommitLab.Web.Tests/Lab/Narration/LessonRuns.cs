using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Tests.Lab.Narration;

/// <summary>Real runs for the narration and space-time tests: lesson scenario files, or scenarios built in code.</summary>
internal static class LessonRuns
{
    private static readonly string Root = FindRoot();

    /// <summary>Runs lessons/scenarios/<paramref name="file"/> to the end.</summary>
    public static (Scenario Scenario, Trace Trace) Lesson(string file)
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(Root, "lessons", "scenarios", file));
        return (scenario, Run(scenario));
    }

    /// <summary>The file names of every shipped 2PC/3PC scenario (Tahoe-LAFS ones have their own engine).</summary>
    public static IEnumerable<string> ScenarioFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "lessons", "scenarios"), "*.yaml")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.StartsWith("tahoe-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static Trace Run(Scenario scenario)
    {
        var sim = Simulator.Create(scenario);
        sim.RunToEnd();
        return sim.Trace;
    }

    public static Trace FaultFree(ProtocolKind protocol, int participants = 3) =>
        Run(new Scenario { Protocol = protocol, Participants = participants, Seed = 1 });

    public static Trace WithFaults(ProtocolKind protocol, params ScheduledFault[] faults) =>
        Run(new Scenario { Protocol = protocol, Participants = 3, Seed = 1, Faults = [.. faults] });

    public static ScheduledFault When(string trigger, string action) =>
        new(new FaultTiming.OnTrigger(FaultText.ParseTrigger(trigger)), FaultText.ParseAction(action));

    public static ScheduledFault At(long tick, string action) =>
        new(new FaultTiming.AtTick(tick), FaultText.ParseAction(action));

    /// <summary>The folder holding CommitLab.sln, found by walking up from the test assembly.</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommitLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CommitLab.sln above {AppContext.BaseDirectory}.");
    }
}
