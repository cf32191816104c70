using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Monitors;

/// <summary>
/// Validity: a node may decide commit only if every participant voted yes (logged PREPARED) or voted
/// READ-ONLY (entered read-only: it has nothing to commit, so it cannot object).
/// </summary>
public sealed class ValidityMonitor(int participants, IReadOnlyList<string> names) : IMonitor
{
    private readonly bool[] votedYes = new bool[participants + 1];

    /// <summary>The property's name, for code that asks a run's monitor list about this one (a fuzzer's promise).</summary>
    public const string Property = "validity";

    public string Name => Property;

    public bool Holds { get; private set; } = true;

    /// <summary>As built, for another run of the same scenario (see <see cref="ProtocolMonitors.TryReset"/>).</summary>
    internal void Reset()
    {
        Array.Clear(votedYes);
        Holds = true;
    }

    public bool Watches(TraceKind kind) => kind is TraceKind.LogAppend or TraceKind.StateChange or TraceKind.Decision;

    public string? Observe(in TraceEvent e)
    {
        if (e.Kind == TraceKind.LogAppend && e.Record == LogRecordKind.Prepared && e.Node >= 1 && e.Node <= participants)
        {
            votedYes[e.Node] = true;
            return null;
        }

        if (e.Kind == TraceKind.StateChange && e.State == Phase.ReadOnly && e.Node >= 1 && e.Node <= participants)
        {
            votedYes[e.Node] = true;
            return null;
        }

        if (e.Kind != TraceKind.Decision || e.Decision != Outcome.Commit)
        {
            return null;
        }

        for (var p = 1; p <= participants; p++)
        {
            if (!votedYes[p])
            {
                Holds = false;
                return Violation(e, p);
            }
        }

        return null;
    }

    /// <summary>The explanation, built apart so that <see cref="Observe"/>, called on most of a run's events, stays small enough for the simulator's call to take it inline.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private string Violation(in TraceEvent e, int unvoted) =>
        $"validity: {names[e.Node]} decided commit at t={e.Tick} although {names[unvoted]} never voted yes";
}
