namespace CommitLab.Engine.Simulation;

/// <summary>
/// The engine broke a rule that must always hold (time went back, a durable log shrank, a decided node
/// changed its mind, events came out of order). Never the user's fault and never caught inside the
/// engine: it means an engine bug, so it fails every test that meets it instead of giving a wrong run.
/// The checks are a handful of comparisons per event, cheap enough to stay on in release builds.
/// </summary>
public sealed class EngineInvariantException : Exception
{
    public EngineInvariantException()
    {
    }

    public EngineInvariantException(string message)
        : base("Engine invariant broken: " + message)
    {
    }

    public EngineInvariantException(string message, Exception inner)
        : base("Engine invariant broken: " + message, inner)
    {
    }

    /// <summary>Throws when <paramref name="holds"/> is false. The message is only built on failure.</summary>
    internal static void Check(bool holds, string rule, long a, long b)
    {
        if (!holds)
        {
            Fail(rule, a, b);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string rule, long a, long b) =>
        throw new EngineInvariantException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rule} ({a}, {b})"));
}
