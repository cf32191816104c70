using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Scenarios;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;
using CommitLab.Web.Tests.Lab;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>input-figures [--inputs N]</c>: the figures of docs/performance.md, "Input hardening". Link
/// lengths of long lectures before and after compression (and the time to pack one), and how many
/// mutated inputs a second the scenario readers and the share-link decoder get through, single
/// thread, with the same mutations as the test suite's fuzz (<see cref="YamlMutator"/>).
/// </summary>
public static class InputFigures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var inputs = args.Length == 2 && args[0] == "--inputs" ? int.Parse(args[1], Inv) : 20_000;
        Console.WriteLine($"runtime    .NET {Environment.Version}, {Environment.ProcessorCount} cores, single thread");
        LinkLengths();
        var root = LabLoad.FindRepoRoot() ?? throw new InvalidOperationException("run from inside the repository (CommitLab.sln not found)");
        var files = Directory.GetFiles(Path.Combine(root, "lessons", "scenarios"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        Throughput("scenario readers (2PC/3PC and Tahoe, each input through both)", files, inputs, ReadBoth);
        var payloads = files.Select(Payload).ToArray();
        Throughput("share-link decoder (run= and tahoe=, each input as both)", payloads, inputs, OpenLink);
        return 0;
    }

    private static void LinkLengths()
    {
        Console.WriteLine("faults   plain link   packed link   pack time");
        foreach (var faults in new[] { 112, 138, 150, 400, 1000 })
        {
            var recording = LongRuns.WithFaults(faults);
            var plain = $"/lab?run={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(ScenarioWriter.ToYaml(recording)))}&e=900&t=4000";
            ShareLink.Create(recording, new TimelinePosition(900, 4000));
            var watch = Stopwatch.StartNew();
            const int Repeats = 20;
            string? link = null;
            for (var i = 0; i < Repeats; i++)
            {
                link = ShareLink.Create(recording, new TimelinePosition(900, 4000));
            }

            var packed = link is null ? "none (too long)" : link.Length.ToString("N0", Inv);
            Console.WriteLine($"{faults,6}   {plain.Length,10:N0}   {packed,11}   {watch.Elapsed.TotalMilliseconds / Repeats,6:0.00} ms");
        }
    }

    private static void Throughput(string what, string[] corpus, int count, Func<string, bool> check)
    {
        var rng = new Prng(MutationFuzzSeed);
        var batch = Enumerable.Range(0, count).Select(_ => YamlMutator.Mutate(corpus[rng.NextInclusive(0, corpus.Length - 1)], rng)).ToArray();
        foreach (var pass in new[] { "cold", "warm" })
        {
            var accepted = 0;
            var slowest = TimeSpan.Zero;
            var watch = Stopwatch.StartNew();
            foreach (var input in batch)
            {
                var started = Stopwatch.GetTimestamp();
                accepted += check(input) ? 1 : 0;
                var took = Stopwatch.GetElapsedTime(started);
                slowest = took > slowest ? took : slowest;
            }

            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{what}, {pass}: {count:N0} inputs ({accepted:N0} accepted) in {seconds:0.00} s = {count / seconds:N0} inputs/s, slowest input {slowest.TotalMilliseconds:0.0} ms");
        }
    }

    /// <summary>The test suite's default seed, so these inputs are the suite's kind.</summary>
    private const ulong MutationFuzzSeed = 20_261_206;

    private static bool ReadBoth(string yaml) =>
        Opens(() => Simulator.Create(ScenarioParser.Parse(yaml, "fuzz.yaml")));

    private static bool OpenLink(string payload) =>
        Opens(() => Simulator.Create(ShareLink.Read(payload, 0, 0).Recording)) | Opens(() => Simulator.Create(ShareLink.ReadScenario(payload, "tahoe")));

    private static bool Opens(Action open)
    {
        try
        {
            open();
            return true;
        }
        catch (ScenarioException)
        {
            return false;
        }
    }

    /// <summary>A shipped scenario as the app packs it into a link.</summary>
    private static string Payload(string yaml)
    {
        // One parser and one link for every protocol, Tahoe-LAFS included.
        var link = ShareLink.Create(ScenarioParser.Parse(yaml, "shipped"), new TimelinePosition(0, 0))!;
        return QueryHelpers.ParseQuery(new Uri("http://x" + link).Query).Single(pair => pair.Key is "run" or "tahoe").Value.ToString();
    }
}
