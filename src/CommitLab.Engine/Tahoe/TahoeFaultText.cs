using System.Text.RegularExpressions;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Reads the fault vocabulary of Tahoe scenario files: actions ("crash S2", "cut W1-S3", "heal all",
/// "drop") and triggers ("W1 sends prepare to S2"). Only the shape is checked here; whether a node
/// belongs to the run is <see cref="TahoeScenario.Validate"/>'s job.
/// </summary>
public static partial class TahoeFaultText
{
    public const string ActionForms = "actions are: crash N, recover N, cut A-B, cut A->B, heal A-B, heal A->B, heal all, drop";

    public const string TriggerForms = "a trigger reads '<node> sends <message>' or '<node> sends <message> to <node>', as in \"W1 sends prepare to S2\"";

    public const string NodeHint = "nodes are W1..W4 (writers), S1..S7 (storage servers) and R (the magic-folder reader)";

    public static bool TryParseAction(string text, out TahoeFaultAction? action, out string problem)
    {
        action = null;
        problem = "";
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var verb = words.Length == 0 ? "" : words[0].ToLowerInvariant();
        switch (verb, words.Length)
        {
            case ("crash" or "recover", 2):
                if (!TryNode(words[1], out var node, out problem))
                {
                    return false;
                }

                action = verb == "crash" ? new TahoeFaultAction.Crash(node) : new TahoeFaultAction.Recover(node);
                return true;
            case ("heal", 2) when words[1].Equals("all", StringComparison.OrdinalIgnoreCase):
                action = new TahoeFaultAction.HealAll();
                return true;
            case ("cut" or "heal", 2):
                var both = !words[1].Contains("->", StringComparison.Ordinal);
                var ends = words[1].Split(both ? "-" : "->");
                if (ends.Length != 2)
                {
                    problem = $"'{Clip(words[1])}' is not a link; write A-B (both ways) or A->B (one way), as in 'cut W1-S2'";
                    return false;
                }

                if (!TryNode(ends[0], out var a, out problem) || !TryNode(ends[1], out var b, out problem))
                {
                    return false;
                }

                action = verb == "cut" ? new TahoeFaultAction.Cut(a, b, both) : new TahoeFaultAction.Heal(a, b, both);
                return true;
            case ("drop", 1):
                action = new TahoeFaultAction.Drop();
                return true;
            default:
                problem = $"'{Clip(text)}' is not an action a Tahoe run knows; {ActionForms}";
                return false;
        }
    }

    public static bool TryParseTrigger(string text, out TahoeFaultTiming.OnSend? trigger, out string problem)
    {
        trigger = null;
        problem = "";
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is not (3 or 5) || !words[1].Equals("sends", StringComparison.OrdinalIgnoreCase) || (words.Length == 5 && !words[3].Equals("to", StringComparison.OrdinalIgnoreCase)))
        {
            problem = $"'{Clip(text)}' is not a trigger; {TriggerForms}";
            return false;
        }

        if (!TryNode(words[0], out var from, out problem))
        {
            return false;
        }

        if (!Names.TryParseMessage(words[2], out var kind) || !Messages.Contains(kind))
        {
            problem = $"unknown message '{Clip(words[2])}'; messages are {string.Join(", ", Messages.Select(Names.Of))}";
            return false;
        }

        string? to = null;
        if (words.Length == 5)
        {
            if (!TryNode(words[4], out var target, out problem))
            {
                return false;
            }

            to = target;
        }

        trigger = new TahoeFaultTiming.OnSend(from, kind, to);
        return true;
    }

    /// <summary>Checks a node name's shape and returns it canonical (<c>s2</c> -> <c>S2</c>).</summary>
    public static bool TryNode(string text, out string node, out string problem)
    {
        node = text.Trim().ToUpperInvariant();
        problem = "";
        if (NodeShape().IsMatch(node))
        {
            return true;
        }

        problem = $"'{Clip(text)}' is not a node name; {NodeHint}";
        return false;
    }

    /// <summary>Every message a Tahoe node sends, in the order a hint lists them.</summary>
    public static readonly MessageKind[] Messages =
    [
        MessageKind.Read, MessageKind.ReadReply, MessageKind.Write, MessageKind.WriteAck, MessageKind.Prepare, MessageKind.VoteYes,
        MessageKind.VoteNo, MessageKind.Commit, MessageKind.Abort, MessageKind.Ack, MessageKind.Append, MessageKind.AppendAck,
    ];

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex("^(W[1-9]|S[1-9]|R)$")]
    private static partial Regex NodeShape();
}
