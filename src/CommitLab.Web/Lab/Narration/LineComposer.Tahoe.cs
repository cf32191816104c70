using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Lines for the Tahoe-LAFS models: writers reading and writing one mutable file on several storage
/// servers, with end-to-end 2PC or per-writer logs. The roles are not a leader and participants, so
/// the commit-protocol lines (which count L's votes) do not apply; faults, losses and delays are
/// told by the shared lines.
/// </summary>
internal sealed partial class LineComposer
{
    private bool Tahoe => protocol is ProtocolKind.TahoeUncoordinated or ProtocolKind.TahoeTwoPhase or ProtocolKind.TahoeMagicFolder;

    /// <summary>The line for a Tahoe entry; null when the shared lines tell it (faults, losses) or it adds nothing.</summary>
    private NarrationLine? TahoeCompose(in TraceEvent e, out bool told)
    {
        told = true;
        var node = N(e.Node);
        switch (e.Kind)
        {
            case TraceKind.Send:
                return ContinuesSendGroup(e) ? null : TahoeSend(e);
            case TraceKind.Deliver:
                return Line(e, $"{node} receives {TahoeMessage(e)} from {N(e.Peer)}{TahoeDeliverWhy(e)}", NarrationTone.Routine);
            case TraceKind.Stage:
                return Line(e, $"{node} is now {e.Text}.", NarrationTone.Routine);
            case TraceKind.Install:
                return Line(e, $"{node} now holds version {e.Text} of the file{Why}: a reader asking {node} gets this one.", NarrationTone.Important);
            case TraceKind.Store:
                return Line(e, $"{node} stores {e.Text}{Why}: each writer's log only grows, so no edit overwrites another.", NarrationTone.Routine);
            case TraceKind.Merge:
                return Line(e, $"{node} merges the logs and shows {e.Text}.", NarrationTone.Important);
            case TraceKind.LockAcquired:
                return Line(e, $"{node} locks {e.Text}{Why}: no other writer can prepare here until this one commits or aborts.", NarrationTone.Routine);
            case TraceKind.LockReleased:
                return Line(e, $"{node} unlocks {e.Text}.", NarrationTone.Routine);
            case TraceKind.Decision:
                return Line(e, $"{node} decides {Prose.OutcomeWord(e.Decision)} for its update.", NarrationTone.Important);
            case TraceKind.LogAppend or TraceKind.StateChange or TraceKind.VoteNo:
                return null; // the writer's stages and the servers' installs tell these in the model's words
            case TraceKind.Violation:
                return Line(e, $"Monitor verdict: {e.Text}.", NarrationTone.Danger);
            default:
                told = false;
                return null;
        }
    }

    private NarrationLine TahoeSend(in TraceEvent e)
    {
        var targets = new List<int>();
        for (var i = e.Index; Has(i) && SameSend(events[i], e); i++)
        {
            targets.Add(events[i].Peer);
        }

        var why = e.Message switch
        {
            MessageKind.Read => $"{Why}: it asks which version each server holds before writing",
            MessageKind.Write => $"{Why}: each server keeps whichever write reaches it last",
            MessageKind.Prepare => $"{Why}: each server must lock the file and stage the version before it may vote",
            MessageKind.Commit => $"{Why}: the servers install the staged version and unlock",
            MessageKind.Abort => $"{Why}: the servers drop the staged version and unlock",
            MessageKind.Append => $"{Why}: an entry in its own log, which no other writer touches",
            _ => "",
        };
        return Line(e, $"{N(e.Node)} sends {TahoeMessage(e)} to {Names(targets)}{why}.", NarrationTone.Routine);
    }

    /// <summary>The message's name and what it carries ("write W1#2", "vote YES W1#1 (locked for W2 try 1)").</summary>
    private static string TahoeMessage(in TraceEvent e)
    {
        var name = e.Message switch
        {
            MessageKind.VoteYes => "vote YES",
            MessageKind.VoteNo => "vote NO",
            MessageKind.Prepare => "PREPARE",
            MessageKind.Commit => "COMMIT",
            MessageKind.Abort => "ABORT",
            MessageKind.Ack => "ACK",
            _ => CommitLab.Engine.Protocols.Names.Of(e.Message),
        };
        return name + (e.Text ?? "");
    }

    private static string TahoeDeliverWhy(in TraceEvent e) => e.Message switch
    {
        MessageKind.VoteNo => $"{Why}: one NO and the writer must abort and retry.",
        _ => ".",
    };
}
