using System.Collections.Immutable;
using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// What the monitors say about the run so far, and the outcome it names (see <see cref="TahoeOutcome"/>
/// for the order), with one plain sentence a student can read.
/// </summary>
/// <param name="File">The version a reader gets: the newest a live server holds (none in the magic folder).</param>
/// <param name="Disagreement">Null when the live servers agree; else how they split.</param>
/// <param name="Lost">Writers told "success" whose edit the file does not carry.</param>
/// <param name="Conflicts">Magic folder: concurrent edits the reader shows side by side.</param>
public sealed record TahoeVerdict(
    TahoeOutcome Outcome,
    FileVersion? File,
    string? Disagreement,
    ImmutableArray<string> Lost,
    ImmutableArray<FolderConflict> Conflicts,
    string Explanation)
{
    public bool ServersAgree => Disagreement is null;

    /// <summary>The run's ending in a few words, then the monitors' sentence: what a view shows when the run is over.</summary>
    public Reading Summary => Outcome switch
    {
        TahoeOutcome.LostUpdate => new(ReadingTone.Bad, "Lost update.", Explanation),
        TahoeOutcome.MixedVersions => new(ReadingTone.Bad, "Servers disagree.", Explanation),
        TahoeOutcome.ConflictVisible => new(ReadingTone.Warning, "Conflict kept visible.", Explanation),
        TahoeOutcome.CleanAbort => new(ReadingTone.Good, "Clean failure.", Explanation),
        TahoeOutcome.Undecided => new(ReadingTone.Unfinished, "Not finished.", Explanation),
        _ => new(ReadingTone.Good, "Every server on the same version.", Explanation),
    };

    /// <summary>Each server and what it holds: its version ("W2#2", "v0"), in the magic folder whose edits its logs hold ("W1+W2"), or "down".</summary>
    public ImmutableArray<KeyValuePair<string, string>> Servers { get; init; } = [];

    /// <summary>Each writer and where its update got to ("done", "gave up", ...), or "down".</summary>
    public ImmutableArray<KeyValuePair<string, string>> Writers { get; init; } = [];

    /// <summary>The verdict on a run of <paramref name="protocol"/> as its nodes stand now.</summary>
    public static TahoeVerdict Of(Protocols.ProtocolKind protocol, TahoeSettings settings, IReadOnlyList<string> names, Monitors.INodeView nodes)
    {
        var mode = protocol;
        var reader = mode == ProtocolKind.TahoeMagicFolder && nodes.Shown(settings.Reader) is ReaderState r ? MagicFolderMerge.Merge(r.Known) : null;
        var servers = Enumerable.Range(settings.Writers, settings.Servers)
            .Select(i => KeyValuePair.Create(names[i], !nodes.IsUp(i) ? "down" : mode == ProtocolKind.TahoeMagicFolder ? LogsLabel((ServerState)nodes.Shown(i)!) : ((ServerState)nodes.Shown(i)!).Current.Label))
            .ToImmutableArray();
        var writers = Enumerable.Range(0, settings.Writers)
            .Select(i => KeyValuePair.Create(names[i], nodes.IsUp(i) ? WriterPhases.Name(((WriterState)nodes.Shown(i)!).Stage) : "down"))
            .ToImmutableArray();
        return Evaluate(mode, TahoeNodes.Writers(settings, names, nodes), TahoeNodes.LiveServers(settings, names, nodes), reader) with { Servers = servers, Writers = writers };
    }

    private static string LogsLabel(ServerState s) =>
        s.Logs.All(e => e is null) ? "no edits" : string.Join("+", s.Logs.Where(e => e is not null).Select(e => e!.Writer));

    internal static TahoeVerdict Evaluate(
        ProtocolKind mode,
        IReadOnlyList<(string Name, WriterState State, bool Up)> writers,
        IReadOnlyList<(string Name, ServerState State)> liveServers,
        MergedFolder? readerView)
    {
        var disagreement = ServersAgreeMonitor.Disagreement(mode, liveServers);
        var file = TahoeNodes.File(mode, liveServers);
        var lost = LostUpdateMonitor.Lost([.. writers.Select(w => (w.Name, w.State))], TahoeNodes.Edits(mode, liveServers));
        var conflicts = readerView?.Conflicts ?? [];
        var unfinished = writers.Where(w => !w.Up || !WriterPhases.IsFinal(w.State.Stage)).Select(w => w.Name).ToList();
        var gaveUp = writers.Where(w => w.State.Stage == WriterPhase.GaveUp).Select(w => w.Name).ToList();
        var outcome =
            lost.Length > 0 ? TahoeOutcome.LostUpdate
            : disagreement is not null ? TahoeOutcome.MixedVersions
            : conflicts.Length > 0 ? TahoeOutcome.ConflictVisible
            : unfinished.Count > 0 ? TahoeOutcome.Undecided
            : gaveUp.Count > 0 ? TahoeOutcome.CleanAbort
            : TahoeOutcome.Committed;
        var explanation = Explain(outcome, mode, file, disagreement, lost, conflicts, unfinished, gaveUp, writers.Count);
        return new TahoeVerdict(outcome, file, disagreement, lost, conflicts, explanation);
    }

    private static string Explain(TahoeOutcome outcome, ProtocolKind mode, FileVersion? file, string? disagreement, ImmutableArray<string> lost, ImmutableArray<FolderConflict> conflicts, List<string> unfinished, List<string> gaveUp, int writerCount)
    {
        var lostWho = ServersAgreeMonitor.Join(lost);
        var whose = lost.Length == 1 ? "update was" : "updates were";
        var holds = file is null ? "" : file.Seq == 0 ? "the original version (v0)" : $"{file.Label}";
        return outcome switch
        {
            TahoeOutcome.LostUpdate when disagreement is not null =>
                $"{disagreement}: {lostWho}'s {whose} lost and nobody was told.",
            TahoeOutcome.LostUpdate =>
                $"Every live server holds {holds}, which does not contain {lostWho}'s edit: {lostWho}'s {whose} lost and nobody was told.",
            TahoeOutcome.MixedVersions => $"{disagreement}: the servers disagree about the file.",
            TahoeOutcome.ConflictVisible =>
                $"The reader shows notes.txt in conflict: {string.Join("; ", conflicts)}. Both edits are kept side by side, so nothing is lost; a person decides.",
            TahoeOutcome.Undecided => $"The run stopped before {ServersAgreeMonitor.Join(unfinished)} finished.",
            TahoeOutcome.CleanAbort =>
                $"Every live server holds {holds}. {ServersAgreeMonitor.Join(gaveUp)} was told \"no can do\" and gave up, so it knows its edit is not in the file: a clean failure, not a silent loss.",
            _ when mode == ProtocolKind.TahoeMagicFolder => "The reader merged every writer's log; the edits did not overlap, so there is nothing to resolve.",
            _ => $"Every live server holds {holds}, which contains {(writerCount == 2 ? "both writers'" : "every writer's")} edits: nothing was lost.",
        };
    }
}
