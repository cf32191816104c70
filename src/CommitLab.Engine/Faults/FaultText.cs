using System.Collections.Immutable;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Faults;

/// <summary>
/// Reads the fault vocabulary of scenario files: the <c>do:</c> actions ("crash L", "cut L->P1",
/// "partition L,P1 | P2,P3") and the <c>when:</c> triggers ("L logs commit", "L sends pre-commit to P1").
/// Keywords are case-insensitive and node names come back canonical (<c>p2</c> -> <c>P2</c>), so what
/// <see cref="FaultAction.ToText"/> and <see cref="Trigger.ToText"/> write reads back equal.
/// Only the shape is checked here; whether a node belongs to a given run is <see cref="FaultChecks"/>'s job,
/// because the text alone does not know how many participants there are.
/// </summary>
public static class FaultText
{
    /// <summary>What the parser says when text does not read; <see cref="Hint"/> says how to write it instead.</summary>
    internal readonly record struct Problem(string Message, string? Hint)
    {
        public override string ToString() => Hint is null ? Message : $"{Message} ({Hint})";
    }

    public const string ActionForms =
        "actions are: crash N, recover N, freeze N for T, cut A-B, cut A->B, heal A-B, heal A->B, heal all, " +
        "partition A,B | C,D, drop, drop #ID, delay T, delay #ID T, vote no N";

    public const string TriggerForms =
        "expected '<node> logs <record>', '<node> sends <message> [to <node>]', " +
        "'<node> receives <message> [from <node>]' or '<node> enters <state>'";

    private const string NodeHint = "nodes are L (the coordinator), P1, P2, ... (participants), LOG (the outcome log) and A1, A2, ... (Paxos Commit's acceptors); Tahoe runs have writers W1, W2, ..., servers S1, S2, ... and, in the magic folder, the reader R";

    private static readonly string[] ActionVerbs = ["crash", "recover", "freeze", "cut", "heal", "partition", "drop", "delay", "vote"];
    private static readonly string[] TriggerVerbs = ["logs", "sends", "receives", "enters"];

    /// <summary>Node names are short; anything longer is a typo or junk, and bounding it keeps messages readable.</summary>
    private const int MaxNodeNameLength = 8;

    public static bool TryParseAction(string text, out FaultAction? action, out string error)
    {
        var ok = TryParseAction(text, out action, out Problem problem);
        error = ok ? "" : problem.ToString();
        return ok;
    }

    public static bool TryParseTrigger(string text, out Trigger? trigger, out string error)
    {
        var ok = TryParseTrigger(text, out trigger, out Problem problem);
        error = ok ? "" : problem.ToString();
        return ok;
    }

    /// <summary>Reads an action or throws <see cref="FormatException"/> with the same message <see cref="TryParseAction(string, out FaultAction?, out string)"/> gives.</summary>
    public static FaultAction ParseAction(string text) =>
        TryParseAction(text, out var action, out string error) ? action! : throw new FormatException(error);

    /// <summary>Reads a trigger or throws <see cref="FormatException"/> with the same message <see cref="TryParseTrigger(string, out Trigger?, out string)"/> gives.</summary>
    public static Trigger ParseTrigger(string text) =>
        TryParseTrigger(text, out var trigger, out string error) ? trigger! : throw new FormatException(error);

    internal static bool TryParseAction(string text, out FaultAction? action, out Problem problem)
    {
        action = null;
        problem = default;
        var words = Words(text);
        if (words.Length == 0)
        {
            problem = new Problem("the action is empty", ActionForms);
            return false;
        }

        var verb = words[0].ToLowerInvariant();
        var args = words[1..];
        switch (verb)
        {
            case "crash":
            case "recover":
                if (args.Length != 1)
                {
                    problem = new Problem($"expected '{verb} <node>', not '{Clip(text)}'", $"for example '{verb} L' or '{verb} P2'");
                    return false;
                }

                if (!TryNode(args[0], out var node, out problem))
                {
                    return false;
                }

                action = verb == "crash" ? new FaultAction.Crash(node) : new FaultAction.Recover(node);
                return true;

            case "freeze":
                if (args.Length != 3 || !args[1].Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    problem = new Problem($"expected 'freeze <node> for <ticks>', not '{Clip(text)}'", "for example 'freeze P1 for 300'");
                    return false;
                }

                if (!TryNode(args[0], out var frozen, out problem) || !TryTicks(args[2], "freeze P1 for 300", out var ticks, out problem))
                {
                    return false;
                }

                action = new FaultAction.Freeze(frozen, ticks);
                return true;

            case "cut":
            case "heal":
                return TryParseLinkAction(verb, string.Concat(args), text, out action, out problem);

            case "partition":
                return TryParsePartition(string.Join(' ', args), out action, out problem);

            case "drop":
                if (args.Length == 0)
                {
                    action = new FaultAction.Drop();
                    return true;
                }

                if (args.Length == 1 && TryMessageId(args[0], out var dropId, out problem))
                {
                    action = new FaultAction.Drop(dropId);
                    return true;
                }

                problem = args.Length == 1 ? problem : new Problem($"expected 'drop' or 'drop #<id>', not '{Clip(text)}'", "plain 'drop' drops the message of a 'sends' trigger; 'drop #12' drops message 12 in flight");
                return false;

            case "delay":
                if (args.Length == 1 && TryTicks(args[0], "delay 200", out var delayTicks, out problem))
                {
                    action = new FaultAction.Delay(delayTicks);
                    return true;
                }

                if (args.Length == 2)
                {
                    if (!TryMessageId(args[0], out var delayId, out problem) || !TryTicks(args[1], "delay #12 200", out var idTicks, out problem))
                    {
                        return false;
                    }

                    action = new FaultAction.Delay(idTicks, delayId);
                    return true;
                }

                problem = args.Length == 1 ? problem : new Problem($"expected 'delay <ticks>' or 'delay #<id> <ticks>', not '{Clip(text)}'", "for example 'delay 200' on a 'sends' trigger, or 'delay #12 200'");
                return false;

            case "vote":
                if (args.Length != 2 || !args[0].Equals("no", StringComparison.OrdinalIgnoreCase))
                {
                    problem = new Problem($"expected 'vote no <participant>', not '{Clip(text)}'", "for example 'vote no P2'; everyone else votes yes");
                    return false;
                }

                if (!TryNode(args[1], out var voter, out problem))
                {
                    return false;
                }

                action = new FaultAction.VoteNo(voter);
                return true;

            default:
                problem = new Problem($"unknown action '{Clip(words[0])}'", Spelling.DidYouMean(verb, ActionVerbs) + ActionForms);
                return false;
        }
    }

    internal static bool TryParseTrigger(string text, out Trigger? trigger, out Problem problem)
    {
        trigger = null;
        problem = default;
        var words = Words(text);
        if (words.Length is not (3 or 5))
        {
            problem = new Problem(words.Length == 0 ? "the trigger is empty" : $"cannot read the trigger '{Clip(text)}'", TriggerForms);
            return false;
        }

        var verb = words[1].ToLowerInvariant();
        if (Array.IndexOf(TriggerVerbs, verb) < 0)
        {
            problem = new Problem($"unknown trigger verb '{Clip(words[1])}' in '{Clip(text)}'", Spelling.DidYouMean(verb, TriggerVerbs) + TriggerForms);
            return false;
        }

        if (!TryNode(words[0], out var node, out problem))
        {
            return false;
        }

        string? peer = null;
        if (words.Length == 5)
        {
            var expected = verb switch { "sends" => "to", "receives" => "from", _ => null };
            if (expected is null)
            {
                problem = new Problem($"'{verb}' takes no other node, but the trigger is '{Clip(text)}'", $"write '<node> {verb} <{(verb == "logs" ? "record" : "state")}>', for example '{node} {verb} {(verb == "logs" ? "commit" : "uncertain")}'");
                return false;
            }

            if (!words[3].Equals(expected, StringComparison.OrdinalIgnoreCase))
            {
                problem = new Problem($"'{verb}' names the other node with '{expected}', not '{Clip(words[3])}'", $"for example '{node} {verb} {words[2].ToLowerInvariant()} {expected} P1'");
                return false;
            }

            if (!TryNode(words[4], out var peerName, out problem))
            {
                return false;
            }

            if (peerName == node)
            {
                problem = new Problem($"'{Clip(text)}' names {node} twice", "messages go between two different nodes");
                return false;
            }

            peer = peerName;
        }

        switch (verb)
        {
            case "logs":
                if (!Names.TryParseRecord(words[2], out var record) || !Names.CommitRecords.Contains(record))
                {
                    problem = Unknown("log record", "records", words[2], Names.CommitRecords.Select(Names.Of));
                    return false;
                }

                trigger = new Trigger(TriggerKind.Logs, node, Record: record);
                return true;

            case "enters":
                if (!Names.TryParsePhase(words[2], out var phase))
                {
                    problem = Unknown("state", "states", words[2], Names.AllPhases.Select(Names.Of));
                    return false;
                }

                trigger = new Trigger(TriggerKind.Enters, node, State: phase);
                return true;

            default:
                if (!Names.TryParseMessage(words[2], out var message))
                {
                    problem = Unknown("message", "messages", words[2], Names.CommitMessages.Select(Names.Of));
                    return false;
                }

                trigger = new Trigger(verb == "sends" ? TriggerKind.Sends : TriggerKind.Receives, node, Message: message, Peer: peer);
                return true;
        }
    }

    /// <summary>
    /// Reads a node name: <c>L</c>, <c>LOG</c> or <c>P</c> and a number, in any case, written back
    /// canonical. Whether the run has that node is checked later, against its participant count.
    /// </summary>
    internal static bool TryNode(string token, out string node, out Problem problem)
    {
        node = "";
        problem = default;
        var upper = token.Trim().ToUpperInvariant();
        if (upper is "L" or "LOG")
        {
            node = upper;
            return true;
        }

        if (upper == "R")
        {
            // The Tahoe magic folder's reader; whether a run has it is FaultChecks' question.
            node = upper;
            return true;
        }

        if (upper.Length is > 1 and <= MaxNodeNameLength && upper[0] is 'P' or 'A' or 'W' or 'S' &&
            int.TryParse(upper.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1)
        {
            // A1, A2, ... are Paxos Commit's acceptors, W1.. and S1.. Tahoe's writers and servers;
            // whether a run has them is FaultChecks' question.
            node = $"{upper[0]}{index}";
            return true;
        }

        problem = new Problem($"unknown node '{Clip(token)}'", NodeHint);
        return false;
    }

    private static bool TryParseLinkAction(string verb, string link, string text, out FaultAction? action, out Problem problem)
    {
        action = null;
        if (verb == "heal" && link.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            problem = default;
            action = new FaultAction.HealAll();
            return true;
        }

        // "->" must be looked for first: it contains "-". Node names never contain either.
        var oneWay = link.Contains("->", StringComparison.Ordinal);
        var ends = oneWay ? link.Split("->") : link.Split('-');
        if (ends.Length != 2 || ends[0].Length == 0 || ends[1].Length == 0)
        {
            var all = verb == "heal" ? ", or 'heal all'" : "";
            problem = new Problem($"expected '{verb} A-B' (both ways) or '{verb} A->B' (one way), not '{Clip(text)}'", $"for example '{verb} L-P1' or '{verb} L->P1'{all}");
            return false;
        }

        if (!TryNode(ends[0], out var from, out problem) || !TryNode(ends[1], out var to, out problem))
        {
            return false;
        }

        if (from == to)
        {
            problem = new Problem($"'{Clip(text)}' names {from} at both ends", "a link joins two different nodes");
            return false;
        }

        action = verb == "cut" ? new FaultAction.Cut(from, to, !oneWay) : new FaultAction.Heal(from, to, !oneWay);
        return true;
    }

    private static bool TryParsePartition(string groupsText, out FaultAction? action, out Problem problem)
    {
        action = null;
        problem = default;
        const string Example = "for example 'partition L,P1 | P2,P3': groups are separated by '|', nodes in a group by ','";
        var groups = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var groupText in groupsText.Split('|'))
        {
            var members = ImmutableArray.CreateBuilder<string>();
            foreach (var member in groupText.Split(','))
            {
                if (member.Trim().Length == 0)
                {
                    problem = new Problem($"partition '{Clip(groupsText)}' has an empty group or member", Example);
                    return false;
                }

                if (!TryNode(member, out var node, out problem))
                {
                    return false;
                }

                if (!seen.Add(node))
                {
                    problem = new Problem($"partition names {node} twice", "a node is on one side of a partition only");
                    return false;
                }

                members.Add(node);
            }

            groups.Add(members.ToImmutable());
        }

        if (groups.Count < 2)
        {
            problem = new Problem("partition needs at least two groups", Example);
            return false;
        }

        action = new FaultAction.Partition(groups.ToImmutable());
        return true;
    }

    private static bool TryTicks(string token, string example, out int ticks, out Problem problem)
    {
        problem = default;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out ticks))
        {
            return true;
        }

        problem = new Problem($"'{Clip(token)}' is not a number of ticks", $"a whole number of 1 or more, as in '{example}'");
        return false;
    }

    private static bool TryMessageId(string token, out long id, out Problem problem)
    {
        problem = default;
        id = 0;
        if (token.StartsWith('#') && long.TryParse(token.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return true;
        }

        problem = new Problem($"'{Clip(token)}' is not a message id", "message ids are written '#' and a number, as in 'drop #12'");
        return false;
    }

    private static Problem Unknown(string what, string plural, string given, IEnumerable<string> valid)
    {
        var names = valid.ToList();
        return new Problem($"unknown {what} '{Clip(given)}'", $"{Spelling.DidYouMean(given, names)}{plural} are: {string.Join(", ", names)}");
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Echoes user text in messages, but never a whole megabyte of it.</summary>
    internal static string Clip(string text)
    {
        const int Max = 60;
        var trimmed = text.Trim();
        return trimmed.Length <= Max ? trimmed : trimmed[..Max] + "...";
    }
}
