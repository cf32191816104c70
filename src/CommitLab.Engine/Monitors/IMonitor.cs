using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Monitors;

/// <summary>
/// A property checked from outside the nodes, by watching the trace as it grows (as P's spec
/// machines and stateright's properties do). Nodes never check their own correctness.
/// </summary>
public interface IMonitor
{
    /// <summary>The property's name as a student reads it ("atomicity").</summary>
    string Name { get; }

    /// <summary>Sees one event; returns a violation's explanation when this event breaks the property.</summary>
    string? Observe(in TraceEvent e);
}
