using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab.Tahoe;

/// <summary>A point in the drawing.</summary>
public readonly record struct TahoePoint(double X, double Y);

/// <summary>A writer as drawn and described.</summary>
public sealed record TahoeWriterNode(string Name, TahoePoint At, bool Up, string State, string Detail, string Css, string Description);

/// <summary>A storage server as drawn and described: the version it holds, and in 2PC its lock and staged share.</summary>
public sealed record TahoeServerNode(string Name, TahoePoint At, bool Up, string Holds, string? HoldsWriter, string? Lock, string? Staged, string Css, string Description);

/// <summary>The magic-folder reader and the folder it shows.</summary>
public sealed record TahoeReaderNode(TahoePoint At, bool Up, string Shows, string? Conflict, string Description);

/// <summary>A line between a client (a writer or R) and a server; cut links are drawn dashed and say so.</summary>
public sealed record TahoeWire(string Client, string Server, TahoePoint From, TahoePoint To, bool Cut, string Description);

/// <summary>A message in flight: where it is now, its shape (by kind, so colour is never the only cue) and a label.</summary>
public sealed record TahoeMessageMark(long Id, TahoePoint At, string Shape, string Css, string Label, string Description);

/// <summary>What the monitors say, in words and with an icon.</summary>
public sealed record TahoeVerdictView(string Tone, string Icon, string Headline, string Text);

/// <summary>
/// Everything the Tahoe panel draws, computed from one snapshot. Plain C# so tests can check the
/// words and the geometry without a browser; the Razor component only lays it out.
/// </summary>
public sealed record TahoeLabView(
    TahoeMode Mode,
    long Tick,
    bool Finished,
    double Width,
    double Height,
    ImmutableArray<TahoeWriterNode> Writers,
    ImmutableArray<TahoeServerNode> Servers,
    TahoeReaderNode? Reader,
    ImmutableArray<TahoeWire> Wires,
    ImmutableArray<TahoeMessageMark> Messages,
    TahoeVerdictView AgreeBadge,
    TahoeVerdictView LostBadge,
    TahoeVerdictView? Outcome)
{
    public static string ModeLabel(TahoeMode mode) => mode switch
    {
        TahoeMode.Uncoordinated => "Uncoordinated",
        TahoeMode.TwoPhase => "2PC",
        _ => "Magic folder",
    };

    public static TahoeLabView From(TahoeSnapshot s)
    {
        var withReader = s.Reader is not null;
        var width = TahoeLayout.Width(Math.Max(s.Writers.Length, s.Servers.Length));
        var places = new Dictionary<string, TahoePoint>(StringComparer.Ordinal);
        var writers = s.Writers.Select((w, i) =>
        {
            var at = new TahoePoint(TahoeLayout.X(i, s.Writers.Length, width), TahoeLayout.WriterY);
            places[w.Name] = at;
            var (state, detail) = Describe(s.Mode, w);
            var css = $"writer phase-{w.Phase.ToString().ToLowerInvariant()}{(w.Up ? "" : " down")}";
            var description = $"Writer {w.Name}: {(w.Up ? state : "crashed")}{(detail.Length > 0 ? ", " + detail : "")}";
            return new TahoeWriterNode(w.Name, at, w.Up, w.Up ? state : "crashed", detail, css, description);
        }).ToImmutableArray();

        var servers = s.Servers.Select((v, i) =>
        {
            var at = new TahoePoint(TahoeLayout.X(i, s.Servers.Length, width), TahoeLayout.ServerY);
            places[v.Name] = at;
            var holds = s.Mode == TahoeMode.MagicFolder
                ? v.LogWriters.IsEmpty ? "no edits" : "logs: " + string.Join("+", v.LogWriters)
                : v.Current.Label;
            var holdsWriter = s.Mode == TahoeMode.MagicFolder || v.Current.Seq == 0 ? null : v.Current.Writer;
            var lockText = v.Lock is { } l ? $"locked for {l}" : null;
            var staged = v.Staged is { } st ? $"staged {st.Label}" : null;
            var css = $"server{(v.Up ? "" : " down")}{(v.Lock is null ? "" : " locked")}{(holdsWriter is null ? "" : " holds-" + holdsWriter.ToLowerInvariant())}";
            var description = $"Server {v.Name}: {(v.Up ? "" : "crashed, on disk ")}holds {holds}{(lockText is null ? "" : ", " + lockText)}{(staged is null ? "" : ", " + staged)}";
            return new TahoeServerNode(v.Name, at, v.Up, holds, holdsWriter, lockText, staged, css, description);
        }).ToImmutableArray();

        TahoeReaderNode? reader = null;
        if (s.Reader is { } r)
        {
            var at = new TahoePoint(width / 2, TahoeLayout.ReaderY);
            places["R"] = at;
            var shows = r.Known.IsEmpty ? "notes.txt, unchanged" : $"notes.txt with {string.Join(" and ", r.Known.Select(k => k + "'s edit"))}";
            var conflict = r.Folder.Conflicts.IsEmpty ? null : "conflict: " + string.Join("; ", r.Folder.Conflicts) + ", both kept";
            reader = new TahoeReaderNode(at, r.Up, shows, conflict, $"Reader R shows {shows}{(conflict is null ? "" : "; " + conflict)}");
        }

        var cut = s.CutLinks.ToHashSet();
        var wires = ImmutableArray.CreateBuilder<TahoeWire>();
        var clients = s.Writers.Select(w => w.Name).Concat(reader is null ? [] : ["R"]);
        foreach (var client in clients)
        {
            foreach (var server in s.Servers)
            {
                var isCut = cut.Contains((client, server.Name)) || cut.Contains((server.Name, client));
                wires.Add(new TahoeWire(client, server.Name, places[client], places[server.Name], isCut, $"link {client}-{server.Name}{(isCut ? " is cut" : "")}"));
            }
        }

        var messages = s.InFlight.Select(m =>
        {
            var from = places[m.From];
            var to = places[m.To];
            var span = Math.Max(1, m.ArrivesAt - m.SentAt);
            var f = Math.Clamp((double)(s.Tick - m.SentAt) / span, 0, 1);
            var at = new TahoePoint(from.X + ((to.X - from.X) * f), from.Y + ((to.Y - from.Y) * f));
            var (shape, css) = Style(m.Kind);
            return new TahoeMessageMark(m.Id, at, shape, css, m.Label, $"{m.Label} from {m.From} to {m.To}, arrives at {m.ArrivesAt} ms");
        }).ToImmutableArray();

        var verdict = s.Verdict;
        var agree = verdict.ServersAgree
            ? new TahoeVerdictView("ok", "✓", "Servers agree", "")
            : new TahoeVerdictView("bad", "✗", "Servers disagree", verdict.Disagreement ?? "");
        var lost = verdict.Lost.IsEmpty
            ? new TahoeVerdictView("ok", "✓", "No update lost", "")
            : new TahoeVerdictView("bad", "✗", $"Lost update: {string.Join(", ", verdict.Lost)}", "");
        return new TahoeLabView(s.Mode, s.Tick, s.Finished, width, TahoeLayout.Height(withReader), writers, servers, reader, wires.ToImmutable(), messages, agree, lost, s.Finished ? OutcomeView(verdict) : null);
    }

    /// <summary>The banner at the end of a run: its outcome in a few words, then the monitors' sentence.</summary>
    public static TahoeVerdictView OutcomeView(TahoeVerdict verdict) => verdict.Outcome switch
    {
        TahoeOutcome.LostUpdate => new("bad", "✗", "Lost update.", verdict.Explanation),
        TahoeOutcome.MixedVersions => new("bad", "✗", "Servers disagree.", verdict.Explanation),
        TahoeOutcome.ConflictVisible => new("warn", "!", "Conflict kept visible.", verdict.Explanation),
        TahoeOutcome.CleanAbort => new("ok", "✓", "Clean failure.", verdict.Explanation),
        TahoeOutcome.Undecided => new("warn", "…", "Not finished.", verdict.Explanation),
        _ => new("ok", "✓", "Every server on the same version.", verdict.Explanation),
    };

    private static (string State, string Detail) Describe(TahoeMode mode, TahoeWriterView w) => w.Phase switch
    {
        WriterPhase.Waiting => ("waiting", $"starts at {w.StartsAt} ms"),
        WriterPhase.Reading => ("reading", $"try {w.Attempt}"),
        WriterPhase.Writing when mode == TahoeMode.MagicFolder => ("appending", "to its own log"),
        WriterPhase.Writing => ("writing", w.Proposed ?? ""),
        WriterPhase.Preparing => ("preparing", w.Proposed ?? ""),
        WriterPhase.Committing => ("committing", w.Proposed ?? ""),
        WriterPhase.Aborting => ("aborting", w.Refusal ?? ""),
        WriterPhase.Backoff => ("retrying", $"after: {w.Refusal}"),
        WriterPhase.Done when mode == TahoeMode.TwoPhase => ("committed", w.Proposed ?? ""),
        WriterPhase.Done => ("told: saved", w.Proposed ?? "its edit is in its log"),
        _ => ("aborted", "told: no can do"),
    };

    private static (string Shape, string Css) Style(MessageKind kind) => kind switch
    {
        MessageKind.Read or MessageKind.Write or MessageKind.Prepare or MessageKind.Append => ("circle", "msg-request"),
        MessageKind.VoteNo => ("triangle", "msg-no"),
        MessageKind.Commit => ("diamond", "msg-commit"),
        MessageKind.Abort => ("square", "msg-abort"),
        MessageKind.VoteYes => ("triangle", "msg-yes"),
        _ => ("triangle", "msg-ack"),
    };
}
