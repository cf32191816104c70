using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Monitors;

/// <summary>Atomicity: no node commits while another aborts. Watches L and the participants.</summary>
public sealed class AtomicityMonitor(int deciders, IReadOnlyList<string> names) : IMonitor
{
    private readonly Outcome[] decisions = new Outcome[deciders];
    private readonly long[] decidedAt = new long[deciders];

    /// <summary>The property's name, for code that asks a run's monitor list about this one (a fuzzer's promise).</summary>
    public const string Property = "atomicity";

    public string Name => Property;

    /// <summary>The first two nodes found disagreeing, or null.</summary>
    public (int Committed, int Aborted)? Conflict { get; private set; }

    public bool Holds => Conflict is null;

    /// <summary>As built, for another run of the same scenario (see <see cref="ProtocolMonitors.TryReset"/>).</summary>
    internal void Reset()
    {
        Array.Clear(decisions);
        Array.Clear(decidedAt);
        Conflict = null;
    }

    public bool Watches(TraceKind kind) => kind == TraceKind.Decision;

    public string? Observe(in TraceEvent e)
    {
        if (e.Kind != TraceKind.Decision || e.Node < 0 || e.Node >= decisions.Length || decisions[e.Node] != Outcome.None)
        {
            return null;
        }

        decisions[e.Node] = e.Decision;
        decidedAt[e.Node] = e.Tick;
        for (var other = 0; other < decisions.Length; other++)
        {
            if (decisions[other] != Outcome.None && decisions[other] != e.Decision)
            {
                return Violation(e, other);
            }
        }

        return null;
    }

    /// <summary>Records the conflict and explains it: apart from <see cref="Observe"/>, which every decision calls, so that call stays small.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private string Violation(in TraceEvent e, int other)
    {
        var (committed, aborted) = e.Decision == Outcome.Commit ? (e.Node, other) : (other, e.Node);
        Conflict ??= (committed, aborted);
        return $"atomicity: {names[e.Node]} decided {Names.Of(e.Decision)} at t={e.Tick} but {names[other]} decided {Names.Of(decisions[other])} at t={decidedAt[other]}";
    }
}
