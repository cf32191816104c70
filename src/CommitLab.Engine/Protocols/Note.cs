using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Protocols;

/// <summary>One change a role tells the trace about (see <see cref="ProtocolRole.Narrate"/>): its kind, a number the monitors read, and the words.</summary>
public readonly record struct Note(TraceKind Kind, long Value, string Text);
