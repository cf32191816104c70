using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tracing;

/// <summary>
/// How the trace stores one event: four 64-bit words, 32 bytes and no references, where a
/// <see cref="TraceEvent"/> is about 80 bytes with one. A run records one to two entries per event,
/// so the trace is most of what a long run allocates, and an array without references is neither
/// scanned by the garbage collector nor written through its barrier. The rare fields (a text, a
/// Paxos slot) live in a side list that <see cref="Extra"/> points into (0: none).
/// </summary>
/// <remarks>
/// Words, low bits first: <c>W0</c> tick (32 bits) and step (32); <c>W1</c> message id (32), node,
/// peer, kind and message kind (a byte each); <c>W2</c> the value; <c>W3</c> decision, state, record
/// (a byte each), a byte of flags (forced, timer in 3 bits, drop reason in 3 bits), then
/// <see cref="Extra"/> (32). The bounds (ticks and events at most a million, message ids below 2^32,
/// fewer than 128 nodes) are the scenario's own, asserted on the way in.
/// </remarks>
internal readonly struct TraceRecord
{
    public readonly ulong W0;
    public readonly ulong W1;
    public readonly ulong W2;
    public readonly ulong W3;

    private TraceRecord(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        W0 = w0;
        W1 = w1;
        W2 = w2;
        W3 = w3;
    }

    /// <summary>Index into the trace's side list of texts and Paxos slots, plus one; 0 when the event has neither.</summary>
    public int Extra => (int)(W3 >> 32);

    /// <summary>The words the trace hash reads: everything but where the extras are stored.</summary>
    public ulong HashedW3 => W3 & 0xFFFF_FFFFUL;

    public long Tick => (uint)W0;

    public long Step => (long)(W0 >> 32);

    public static TraceRecord Pack(in TraceEvent e, int extra) =>
        Pack(e.Tick, e.Step, e.Kind, e.Node, e.Peer, e.MessageId, e.Message, e.Decision, e.State, e.Record, e.Forced, e.Timer, e.Reason, e.Value, extra);

    /// <summary>
    /// Packs an event from its fields: the simulator records sends and deliveries (most of a run's
    /// trace) this way when no monitor watches them, without building a <see cref="TraceEvent"/> first.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static TraceRecord Pack(
        long tick, long step, TraceKind kind, int node, int peer, long messageId, MessageKind message, Outcome decision, Phase state,
        LogRecordKind record, bool forced, TimerKind timer, DropReason reason, long value, int extra)
    {
        EngineInvariantException.Check(
            (ulong)tick <= uint.MaxValue && (ulong)step <= uint.MaxValue && (ulong)messageId <= uint.MaxValue
                && node >= -1 && node < 128 && peer >= -1 && peer < 128 && (byte)timer < 8 && (byte)reason < 8,
            "a trace event must fit its compact form; tick, step", tick, step);
        var w0 = (ulong)tick | ((ulong)step << 32);
        var w1 = (ulong)messageId | ((ulong)(byte)(sbyte)node << 32) | ((ulong)(byte)(sbyte)peer << 40)
            | ((ulong)kind << 48) | ((ulong)message << 56);
        var flags = (forced ? 1UL : 0) | ((ulong)timer << 1) | ((ulong)reason << 4);
        var w3 = (ulong)decision | ((ulong)state << 8) | ((ulong)record << 16) | (flags << 24) | ((ulong)(uint)extra << 32);
        return new TraceRecord(w0, w1, (ulong)value, w3);
    }

    public TraceEvent Unpack(int index, string? text, PaxosSlot slot) => new(
        index,
        Tick,
        Step,
        (TraceKind)(byte)(W1 >> 48),
        (sbyte)(byte)(W1 >> 32),
        (sbyte)(byte)(W1 >> 40),
        (uint)W1,
        (MessageKind)(byte)(W1 >> 56),
        (Outcome)(byte)W3,
        (Phase)(byte)(W3 >> 8),
        (LogRecordKind)(byte)(W3 >> 16),
        ((W3 >> 24) & 1) != 0,
        (TimerKind)((W3 >> 25) & 7),
        (DropReason)((W3 >> 28) & 7),
        (long)W2,
        text,
        slot);
}

/// <summary>An event's rare fields, kept beside the compact records.</summary>
internal readonly record struct TraceExtra(string? Text, PaxosSlot Slot);
