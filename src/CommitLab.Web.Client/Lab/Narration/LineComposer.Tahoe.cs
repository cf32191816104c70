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
        var node = N(e.Node);
        (string? Text, NarrationTone Tone, bool Told) said = e.Kind switch
        {
            TraceKind.Send => (null, NarrationTone.Routine, true),
            TraceKind.Deliver => ($"{node} receives {TahoeMessage(e)} from {N(e.Peer)}{(e.Message == MessageKind.VoteNo ? $"{Why}: one NO and the writer must abort and retry" : "")}.", NarrationTone.Routine, true),
            TraceKind.Stage => ($"{node} is now {e.Text}.", NarrationTone.Routine, true),
            TraceKind.Install => ($"{node} now holds version {e.Text} of the file{Why}: a reader asking {node} gets this one.", NarrationTone.Important, true),
            TraceKind.Store => ($"{node} stores {e.Text}{Why}: each writer's log only grows, so no edit overwrites another.", NarrationTone.Routine, true),
            TraceKind.Merge => ($"{node} merges the logs and shows {e.Text}.", NarrationTone.Important, true),
            TraceKind.LockAcquired => ($"{node} locks {e.Text}{Why}: no other writer can prepare here until this one commits or aborts.", NarrationTone.Routine, true),
            TraceKind.LockReleased => ($"{node} unlocks {e.Text}.", NarrationTone.Routine, true),
            TraceKind.Decision => ($"{node} decides {Prose.OutcomeWord(e.Decision)} for its update.", NarrationTone.Important, true),
            TraceKind.Violation => ($"Monitor verdict: {e.Text}.", NarrationTone.Danger, true),

            // The writer's stages and the servers' installs tell these in the model's words.
            TraceKind.LogAppend or TraceKind.StateChange or TraceKind.VoteNo => (null, NarrationTone.Routine, true),
            _ => (null, NarrationTone.Routine, false),
        };
        told = said.Told;
        if (e.Kind == TraceKind.Send)
        {
            return ContinuesSendGroup(e) ? null : TahoeSend(e);
        }

        return said.Text is null ? null : Line(e, said.Text, said.Tone);
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

    /// <summary>The message's name and what it carries ("write W1#2", "PREPARE W1#1"): the commit kinds in the words the 2PC lines use.</summary>
    private static string TahoeMessage(in TraceEvent e) =>
        (e.Message < MessageKind.Read ? Prose.MessageWord(e.Message, e.Decision, e.State) : CommitLab.Engine.Protocols.Names.Of(e.Message)) + (e.Text ?? "");
}
