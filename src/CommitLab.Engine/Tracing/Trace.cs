using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tracing;

/// <summary>
/// The record of everything that happened in a run: the single source of truth every view is drawn
/// from. It renders to one line per event (for the CLI and bug reports) and to JSON, and hashes its
/// events so two runs can be compared in one value.
/// </summary>
/// <remarks>
/// Events are stored compactly and become <see cref="TraceEvent"/>s, and text, only when read: a run
/// that is never drawn or printed never formats a line.
/// </remarks>
public sealed class Trace
{
    private readonly TraceEventStore events;
    private ulong hashState;
    private int hashed = -1;

    /// <summary>The hash's state after the node names (<see cref="TraceHash.Start"/>), once worked out; a recycled trace with the same names keeps it.</summary>
    private ulong? namesHashed;

    public Trace(ImmutableArray<string> nodeNames)
        : this(nodeNames, new TraceEventStore())
    {
    }

    private Trace(ImmutableArray<string> nodeNames, TraceEventStore events)
    {
        NodeNames = nodeNames;
        this.events = events;
    }

    /// <summary>
    /// A new, empty trace that takes over <paramref name="old"/>'s storage (its chunks, up to about
    /// 64 KB, are kept). <paramref name="old"/> must be unreachable to every reader: it is emptied.
    /// </summary>
    internal static Trace Recycle(ImmutableArray<string> nodeNames, Trace old)
    {
        old.events.Reset(keepEntries: 1024);
        return new Trace(nodeNames, old.events) { namesHashed = old.NodeNames == nodeNames ? old.namesHashed : null };
    }

    public ImmutableArray<string> NodeNames { get; }

    public IReadOnlyList<TraceEvent> Events => events;

    public int Count => events.Count;

    /// <summary>Appends an event. Asserts that neither its tick nor its step is earlier than the last event's.</summary>
    internal TraceEvent Add(in TraceEvent e)
    {
        var index = Append(e);
        return e with { Index = index };
    }

    /// <summary>Appends an event and returns its position, without building the indexed copy <see cref="Add"/> returns.</summary>
    internal int Append(in TraceEvent e)
    {
        CheckOrder(e.Tick, e.Step);
        events.Add(e);
        return events.Count - 1;
    }

    /// <summary>
    /// Appends a message's send, delivery or loss straight from its fields: the same entry as
    /// <see cref="Append"/> of the <see cref="TraceEvent"/> with these fields, for the simulator's
    /// commonest events when no monitor needs the event itself.
    /// </summary>
    internal void AppendMessage(TraceKind kind, long tick, long step, int node, int peer, long id, in Message m, long value, DropReason reason, string? text)
    {
        CheckOrder(tick, step);
        events.AddMessage(kind, tick, step, node, peer, id, m, value, reason, text);
    }

    private void CheckOrder(long tick, long step)
    {
        if (events.Count > 0)
        {
            var (lastTick, lastStep) = events.Last;
            EngineInvariantException.Check(tick >= lastTick, "trace time must never go back; last tick, new tick", lastTick, tick);
            EngineInvariantException.Check(step >= lastStep, "trace steps must never go back; last step, new step", lastStep, step);
        }
    }

    public string Name(int node) => node >= 0 && node < NodeNames.Length ? NodeNames[node] : "?";

    /// <summary>One event as a line of text, e.g. <c>t=62 P1 receives prepare #3 from L</c>.</summary>
    public string Line(in TraceEvent e)
    {
        var node = Name(e.Node);
        var peer = Name(e.Peer);
        var msg = Names.Of(e.Message);
        var body = e.Kind switch
        {
            TraceKind.Send => $"{node} sends {msg}{Payload(e)} #{e.MessageId} to {peer} (arrives t={e.Value})",
            TraceKind.Deliver => $"{node} receives {msg}{Payload(e)} #{e.MessageId} from {peer}",
            TraceKind.Drop => $"{msg} #{e.MessageId} {peer}->{node} is lost ({Reason(e.Reason)})",
            TraceKind.Delay => $"{msg} #{e.MessageId} {peer}->{node} is delayed by {e.Text} (arrives t={e.Value})",
            TraceKind.TimerFired => $"{node} {TimerName(e.Timer)} timer fires",
            TraceKind.Crash => $"{node} crashes",
            TraceKind.Recover => $"{node} recovers",
            TraceKind.Freeze => $"{node} freezes until t={e.Value}",
            TraceKind.Unfreeze => $"{node} resumes",
            TraceKind.Cut => $"link {node}->{peer} is cut",
            TraceKind.Heal => $"link {node}->{peer} is healed",
            TraceKind.Partition => $"partition {e.Text}",
            TraceKind.HealAll => "every link is healed",
            TraceKind.LogAppend => $"{node} logs {e.Text ?? Names.Of(e.Record)}{(e.Forced ? " (forced)" : "")}",
            TraceKind.StateChange => $"{node} enters {Names.Of(e.State)}",
            TraceKind.Decision => $"{node} decides {Names.Of(e.Decision)}",
            TraceKind.Suspect => $"{node} suspects {peer}",
            TraceKind.Unsuspect => $"{node} no longer suspects {peer}",
            TraceKind.LockAcquired => $"{node} locks {e.Text}",
            TraceKind.LockReleased => $"{node} unlocks {e.Text}",
            TraceKind.VoteNo => $"{node} will vote no",
            TraceKind.Fault => $"fault: {e.Text}",
            TraceKind.Violation => $"VIOLATION {e.Text}",
            TraceKind.Stage => $"{node} enters {e.Text}",
            TraceKind.Install => $"{node} now holds {e.Text}",
            TraceKind.Store => $"{node} stores {e.Text}",
            TraceKind.Merge => $"{node} shows {e.Text}",
            _ => e.Kind.ToString(),
        };
        return $"t={e.Tick} {body}";
    }

    public string ToText()
    {
        var sb = new StringBuilder(events.Count * 40);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            sb.Append(Line(e)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// A short fingerprint of the whole run (see <see cref="TraceHash"/>): two traces hash alike
    /// exactly when they hold the same events (but for 64-bit collisions).
    /// </summary>
    /// <remarks>
    /// The Lab asks for the hash of a growing trace on every frame while a run plays, so the running
    /// state is kept and only events added since the last call are folded in: a frame costs what
    /// happened since the last one, not the whole run. The state is one word; nothing is allocated.
    /// </remarks>
    public string Hash()
    {
        if (hashed < 0)
        {
            hashState = namesHashed ??= TraceHash.Start(NodeNames);
            hashed = 0;
        }

        var state = hashState;
        for (var i = hashed; i < events.Count;)
        {
            // A chunk at a time: the same entries in the same order as one by one.
            var records = events.RecordsFrom(i);
            foreach (ref readonly var record in records)
            {
                state = record.Extra == 0 ? TraceHash.Add(state, record, default) : TraceHash.Add(state, record, events.ExtraOf(record.Extra));
            }

            i += records.Length;
        }

        hashState = state;
        hashed = events.Count;
        return TraceHash.Finish(state, hashed);
    }

    /// <summary>The trace as a JSON array, one object per event, with names rather than indices.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                WriteEvent(w, e);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private void WriteEvent(Utf8JsonWriter w, in TraceEvent e)
    {
        w.WriteStartObject();
        w.WriteNumber("i", e.Index);
        w.WriteNumber("tick", e.Tick);
        w.WriteNumber("step", e.Step);
        w.WriteString("kind", KindName(e.Kind));
        if (e.Node >= 0)
        {
            w.WriteString("node", Name(e.Node));
        }

        if (e.Peer >= 0)
        {
            w.WriteString("peer", Name(e.Peer));
        }

        switch (e.Kind)
        {
            case TraceKind.Send or TraceKind.Deliver or TraceKind.Drop or TraceKind.Delay:
                w.WriteNumber("id", e.MessageId);
                w.WriteString("message", Names.Of(e.Message));
                if (e.Slot.IsPaxos)
                {
                    w.WriteString("instance", Name(e.Slot.Instance));
                    w.WriteNumber("ballot", e.Slot.Ballot);
                    w.WriteString("value", PaxosValueName(e.Decision));
                    if (e.Message == MessageKind.Phase1b && e.Decision != Outcome.None)
                    {
                        w.WriteNumber("acceptedAt", e.Slot.Accepted);
                    }
                }
                else if (e.Decision != Outcome.None)
                {
                    w.WriteString("decision", Names.Of(e.Decision));
                }

                if (e.Message == MessageKind.StateReport)
                {
                    w.WriteString("state", Names.Of(e.State));
                }

                if (e.Kind == TraceKind.Drop)
                {
                    w.WriteString("reason", Reason(e.Reason));
                }

                if (e.Kind is TraceKind.Send or TraceKind.Delay)
                {
                    w.WriteNumber("arrives", e.Value);
                }

                break;
            case TraceKind.LogAppend:
                w.WriteString("record", Names.Of(e.Record));
                w.WriteBoolean("forced", e.Forced);
                break;
            case TraceKind.StateChange:
                w.WriteString("state", Names.Of(e.State));
                break;
            case TraceKind.Decision:
                w.WriteString("decision", Names.Of(e.Decision));
                break;
            case TraceKind.TimerFired:
                w.WriteString("timer", TimerName(e.Timer));
                break;
            case TraceKind.Freeze:
                w.WriteNumber("until", e.Value);
                break;
        }

        if (e.Text is not null)
        {
            w.WriteString("text", e.Text);
        }

        w.WriteString("line", Line(e));
        w.WriteEndObject();
    }

    public static string KindName(TraceKind kind) => kind switch
    {
        TraceKind.TimerFired => "timer",
        TraceKind.LogAppend => "log",
        TraceKind.StateChange => "state",
        TraceKind.LockAcquired => "lock",
        TraceKind.LockReleased => "unlock",
        TraceKind.HealAll => "heal-all",
        TraceKind.VoteNo => "vote-no",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string TimerName(TimerKind timer) => timer switch
    {
        TimerKind.Vote => "vote",
        TimerKind.Resend => "resend",
        TimerKind.Decision => "decision",
        _ => timer.ToString().ToLowerInvariant(),
    };

    public static string Reason(DropReason reason) => reason switch
    {
        DropReason.Loss => "lost by the network",
        DropReason.LinkCut => "link cut",
        DropReason.ReceiverDown => "receiver down",
        DropReason.Injected => "dropped by a fault",
        _ => "unknown",
    };

    /// <summary>What follows a message's kind: a payload's label (carried as the event's text), or a decision, state or Paxos slot.</summary>
    private string Payload(in TraceEvent e) => e.Message switch
    {
        _ when e.Text is not null => e.Text,
        MessageKind.Decision or MessageKind.Ack when e.Decision != Outcome.None => $"({Names.Of(e.Decision)})",
        MessageKind.Decision => "(unknown)",
        MessageKind.StateReport => $"({Names.Of(e.State)})",
        _ when e.Slot.IsPaxos => PaxosPayload(e),
        _ => "",
    };

    /// <summary>"(P2 ballot 0 prepared)": whose vote, which ballot, and the value (a phase 1b also says where it was accepted).</summary>
    private string PaxosPayload(in TraceEvent e)
    {
        var value = PaxosValueName(e.Decision);
        var instance = Name(e.Slot.Instance);
        return e.Message switch
        {
            MessageKind.Phase1a => $"({instance} ballot {e.Slot.Ballot})",
            MessageKind.Phase1b when e.Decision == Outcome.None => $"({instance} ballot {e.Slot.Ballot}, nothing accepted)",
            MessageKind.Phase1b => $"({instance} ballot {e.Slot.Ballot}, accepted {value} at ballot {e.Slot.Accepted})",
            _ => $"({instance} ballot {e.Slot.Ballot} {value})",
        };
    }

    /// <summary>Paxos Commit's values as the paper names them: a Commit in a Paxos message means Prepared.</summary>
    public static string PaxosValueName(Outcome value) => value switch
    {
        Outcome.Commit => "prepared",
        Outcome.Abort => "aborted",
        _ => "none",
    };
}
