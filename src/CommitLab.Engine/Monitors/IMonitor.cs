using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Monitors;

/// <summary>
/// A property checked from outside the nodes, by watching the trace as it grows (as P's spec
/// machines and stateright's properties do). Nodes never check their own correctness. Each protocol
/// names the monitors that judge it (<see cref="ProtocolMonitors"/>); the simulator feeds every event
/// to each of them through this interface and never asks for one by name.
/// </summary>
public interface IMonitor
{
    /// <summary>The property's name as a student reads it ("atomicity").</summary>
    string Name { get; }

    /// <summary>False once the property has been broken. A measuring monitor (blocking) always holds.</summary>
    bool Holds => true;

    /// <summary>Sees one event; returns a violation's explanation when this event breaks the property.</summary>
    string? Observe(in TraceEvent e);

    /// <summary>What the monitor says now, in words, when its name and <see cref="Holds"/> do not tell it all; null otherwise.</summary>
    Reading? Reading => null;
}
