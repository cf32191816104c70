using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>
/// Runs a check over seeded mutations of a corpus of valid inputs, with a watchdog: an input that
/// takes longer than its bound fails the test (naming the seed and the input) instead of hanging it.
/// The seed is fixed so the suite is repeatable; set COMMITLAB_FUZZ_SEED to explore other seeds.
/// </summary>
internal static class MutationFuzz
{
    public const ulong DefaultSeed = 20_261_206;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("COMMITLAB_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    /// <summary>
    /// Checks <paramref name="count"/> inputs, each a mutation of a corpus entry or, now and then, of
    /// the previous input (so damage accumulates). <paramref name="check"/> returns true when the input
    /// was accepted and false when it was refused cleanly; anything it throws is a failure.
    /// </summary>
    public static FuzzTally Run(ulong seed, int count, IReadOnlyList<string> corpus, Func<string, Prng, string> mutate, Func<string, bool> check, TimeSpan perInput)
    {
        var rng = new Prng(seed);
        var inputs = new string[count];
        var previous = corpus[0];
        for (var i = 0; i < count; i++)
        {
            var start = rng.NextInclusive(0, 9) < 3 ? previous : corpus[(int)rng.NextInclusive(0, corpus.Count - 1)];
            inputs[i] = previous = mutate(start, rng);
        }

        var current = -1;
        var startedAt = 0L;
        var accepted = 0;
        var watch = Stopwatch.StartNew();
        var worker = Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < count; i++)
                {
                    Volatile.Write(ref startedAt, Stopwatch.GetTimestamp());
                    Volatile.Write(ref current, i);
                    try
                    {
                        accepted += check(inputs[i]) ? 1 : 0;
                    }
                    catch (Exception e)
                    {
                        throw new FuzzFailure(Describe(seed, i, inputs[i], $"threw {e.GetType().Name}: {e.Message}"), e);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // The watchdog: wake at least every 50 ms, and fail an input that has run past its bound.
        try
        {
            while (!worker.Wait(TimeSpan.FromMilliseconds(50)))
            {
                var index = Volatile.Read(ref current);
                if (index >= 0 && Stopwatch.GetElapsedTime(Volatile.Read(ref startedAt)) > perInput && Volatile.Read(ref current) == index)
                {
                    Assert.Fail(Describe(seed, index, inputs[index], $"did not finish within {perInput.TotalSeconds:0.#} s"));
                }
            }
        }
        catch (AggregateException e) when (e.InnerException is FuzzFailure failure)
        {
            Assert.Fail(failure.Message + Environment.NewLine + failure.InnerException);
        }

        return new FuzzTally(count, accepted, watch.Elapsed);
    }

    /// <summary>
    /// The check every reader error must pass: it carries a line and a column, and the line is one of
    /// the input's (or just past its end, for "the file stops here").
    /// </summary>
    public static void AssertPlaced(ScenarioException e, string input)
    {
        Assert.NotEmpty(e.Errors);
        var lines = input.Split('\n').Length;
        foreach (var error in e.Errors)
        {
            Assert.True(error.Line >= 1 && error.Line <= lines + 1 && error.Column >= 1, $"error placed at {error.Line}:{error.Column} in a {lines}-line input: {error}");
        }
    }

    private static string Describe(ulong seed, int index, string input, string what)
    {
        var shown = input.Length > 2000 ? input[..2000] + "..." : input;
        return $"fuzz input {index} (seed {seed}; rerun with COMMITLAB_FUZZ_SEED={seed}) {what}. The input:{Environment.NewLine}{shown}";
    }

    private sealed class FuzzFailure(string message, Exception inner) : Exception(message, inner);
}

/// <summary>How a fuzz run went: inputs tried, how many the reader accepted, and how long it took.</summary>
internal sealed record FuzzTally(int Inputs, int Accepted, TimeSpan Elapsed)
{
    public double PerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public override string ToString() =>
        $"{Inputs} inputs ({Accepted} accepted, {Inputs - Accepted} refused) in {Elapsed.TotalMilliseconds:0} ms = {PerSecond:0} inputs/s";
}
