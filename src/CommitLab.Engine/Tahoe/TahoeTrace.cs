using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// The record of a Tahoe run, the source every view draws from. Like the 2PC/3PC trace it renders one
/// line per event and JSON, and hashes a canonical binary form of its events with SHA-256.
/// </summary>
public sealed class TahoeTrace(ImmutableArray<string> nodeNames)
{
    private readonly List<TahoeTraceEvent> events = new(64);

    public ImmutableArray<string> NodeNames { get; } = nodeNames;

    public IReadOnlyList<TahoeTraceEvent> Events => events;

    public int Count => events.Count;

    internal void Add(in TahoeTraceEvent e) => events.Add(e with { Index = events.Count });

    public string Name(int node) => node >= 0 && node < NodeNames.Length ? NodeNames[node] : "?";

    /// <summary>One event as text, e.g. <c>t=31 S2 receives prepare W1#1 #4 from W1</c>.</summary>
    public string Line(in TahoeTraceEvent e)
    {
        var node = Name(e.Node);
        var peer = Name(e.Peer);
        var body = e.Kind switch
        {
            TahoeTraceKind.Send => $"{node} sends {e.Text} #{e.MessageId} to {peer} (arrives t={e.Value})",
            TahoeTraceKind.Deliver => $"{node} receives {e.Text} #{e.MessageId} from {peer}",
            TahoeTraceKind.Drop => $"#{e.MessageId} {peer}->{node} is lost ({e.Text})",
            TahoeTraceKind.Timer => $"{node} {e.Text} timer fires",
            TahoeTraceKind.Crash => $"{node} crashes",
            TahoeTraceKind.Recover => $"{node} recovers",
            TahoeTraceKind.Cut => $"link {node}->{peer} is cut",
            TahoeTraceKind.Heal => $"link {node}->{peer} is healed",
            TahoeTraceKind.HealAll => "every link is healed",
            TahoeTraceKind.Log => $"{node} logs {e.Text}{(e.Value == 1 ? " (forced)" : "")}",
            TahoeTraceKind.Phase => $"{node} enters {e.Text}",
            TahoeTraceKind.Install => $"{node} now holds {e.Text}",
            TahoeTraceKind.Lock => $"{node} locks the file for {e.Text}",
            TahoeTraceKind.Unlock => $"{node} unlocks the file ({e.Text})",
            TahoeTraceKind.Append => $"{node} stores {e.Text}",
            TahoeTraceKind.Merge => $"{node} shows {e.Text}",
            TahoeTraceKind.Fault => $"fault: {e.Text}",
            _ => e.Kind.ToString(),
        };
        return $"t={e.Tick} {body}";
    }

    public string ToText()
    {
        var sb = new StringBuilder(events.Count * 48);
        foreach (var e in events)
        {
            sb.Append(Line(e)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// A short fingerprint of the whole run, framed like the 2PC/3PC trace's (see
    /// <see cref="TraceFingerprint"/>): two traces hash alike exactly when they hold the same events.
    /// </summary>
    public string Hash()
    {
        using var fingerprint = new TraceFingerprint(NodeNames);
        Span<byte> buffer = stackalloc byte[TraceFingerprint.CommonLength + 1];
        foreach (var e in events)
        {
            TraceFingerprint.WriteCommon(buffer, e.Tick, e.Step, e.Node, e.Peer, e.MessageId, e.Value);
            buffer[TraceFingerprint.CommonLength] = (byte)e.Kind;
            fingerprint.Add(buffer, e.Text);
        }

        return fingerprint.Finish();
    }

    /// <summary>The trace as a JSON array, one object per event, with names rather than indices.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var e in events)
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

                if (e.MessageId != 0)
                {
                    w.WriteNumber("id", e.MessageId);
                }

                if (e.Kind == TahoeTraceKind.Send)
                {
                    w.WriteNumber("arrives", e.Value);
                }

                if (e.Kind == TahoeTraceKind.Log)
                {
                    w.WriteBoolean("forced", e.Value == 1);
                }

                if (e.Text is not null)
                {
                    w.WriteString("text", e.Text);
                }

                w.WriteString("line", Line(e));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string KindName(TahoeTraceKind kind) => kind == TahoeTraceKind.HealAll ? "heal-all" : kind.ToString().ToLowerInvariant();
}
