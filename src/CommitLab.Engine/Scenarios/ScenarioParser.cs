using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tahoe;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CommitLab.Engine.Scenarios;

/// <summary>
/// Reads scenario files (DESIGN.md, "Scenario files"). Students write these by hand, so the parser
/// reports every problem it can find in one pass, each at the line and column of the offending
/// node with a hint, instead of stopping at the first. Shape and types are checked here; bounds
/// and node names are <see cref="Scenario.Validate"/>'s, whose problems are mapped back to the line
/// of the key they are about, so the rules live in one place.
/// </summary>
public static class ScenarioParser
{
    /// <summary>Input over this size is refused before parsing: scenarios are a screenful, and the web Lab accepts uploads.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Deeper nesting than this is never a scenario; refusing it keeps a hostile file from exhausting the stack.</summary>
    public const int MaxDepth = 32;

    public const int MaxTitleLength = 200;

    /// <summary>Past this many errors the rest are noise: the file is probably not a scenario at all.</summary>
    public const int MaxErrors = 50;

    internal static readonly string[] TopKeys =
    [
        "title", "protocol", "participants", "seed", "network", "failureDetector", "timeouts",
        "cooperativeTermination", "outcomeLog", "forcedWrite", "maxTicks", "maxEvents", "votes", "faults", "expect",
        "presume", "readOnly", "acceptors", "tahoe",
    ];

    /// <summary>The keys of the <c>tahoe:</c> section, which the three Tahoe-LAFS protocols need and no other takes.</summary>
    internal static readonly string[] TahoeKeys = ["writers", "servers", "starts", "retry", "resend", "poll"];

    internal static readonly string[] RetryKeys = ["enabled", "backoff", "limit"];

    internal static readonly string[] NetworkKeys = ["latency", "loss"];
    internal static readonly string[] TimeoutKeys = ["vote", "decision", "resend", "detector", "prepare"];
    internal static readonly string[] ExpectKeys = ["outcome", "messages"];
    internal static readonly string[] FaultKeys = ["at", "when", "afterEvent", "do"];

    /// <summary>Reads a scenario file. Throws <see cref="ScenarioException"/> with every problem found, including a missing or oversized file.</summary>
    public static Scenario ParseFile(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw Single(path, $"no such file: {info.FullName}", "check the path; lesson scenarios live in lessons/scenarios/");
            }

            if (info.Length > MaxBytes)
            {
                throw TooLarge(path, info.Length);
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Single(path, $"cannot read the file: {e.Message}", null);
        }

        return Parse(text, path);
    }

    /// <summary>Reads scenario YAML; <paramref name="fileName"/> is only used in error messages.</summary>
    public static Scenario Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        // Counting bytes of a huge string is itself work; a string longer than the limit in
        // characters is over it in bytes too.
        if (yaml.Length > MaxBytes || Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            throw TooLarge(fileName, yaml.Length > MaxBytes ? yaml.Length : Encoding.UTF8.GetByteCount(yaml));
        }

        return new Reader(fileName).Read(yaml);
    }

    /// <summary>Every protocol a file may name, as <see cref="Names.Of(ProtocolKind)"/> spells it.</summary>
    /// <summary>Every protocol a file may name; the two generals' lunch is built from the /generals page's plan, not read from a file.</summary>
    private static readonly string[] ProtocolNames = [.. Enum.GetValues<ProtocolKind>().Where(p => p != ProtocolKind.TwoGenerals).Select(Names.Of)];

    private static ScenarioException Single(string file, string message, string? hint) =>
        new([new ScenarioError(file, 1, 1, message, hint)]);

    private static ScenarioException TooLarge(string file, long bytes) =>
        Single(file, $"the file is {bytes:N0} bytes; scenario files may be at most {MaxBytes:N0} bytes (1 MiB)", "a scenario is a page of YAML; split long fault schedules into several scenarios");

    /// <summary>One parse: collects errors and the locations of what it read, so that later problems can point at lines.</summary>
    private sealed class Reader(string file) : YamlScenarioReader(file)
    {
        protected override string EmptyFileHint => "a scenario needs at least 'protocol: 2pc' (or 3pc) and 'participants: 3'";

        protected override string StartHint => "start the file with lines like 'protocol: 2pc' and 'participants: 3'";

        protected override string KeyExamples => "title:, protocol:, participants:";

        /// <summary>Where each setting was written ("participants", "network.latency", "votes.P2", ...): Validate's problems are mapped through this.</summary>

        /// <summary>Column of the fault entry that starts on a line; ScheduledFault keeps only the line.</summary>

        /// <summary>False when participants, protocol or outcomeLog did not read: the node set is unknown, so "unknown node" problems would be noise.</summary>
        private bool nodesKnown = true;

        /// <summary>True once the file reads as a Tahoe-LAFS run: its nodes are writers, servers and R, and hints say so.</summary>
        private bool tahoeRun;

        public Scenario Read(string yaml)
        {
            var root = Load(yaml);
            if (root is null)
            {
                throw new ScenarioException(Found());
            }

            var scenario = ReadScenario(root);

            // Bound problems are reported alongside type errors, so one pass shows everything; name
            // problems only when the node set itself read correctly, or they would be noise.
            foreach (var problem in scenario.Validate())
            {
                if (nodesKnown || !problem.Contains("unknown node", StringComparison.Ordinal))
                {
                    AddValidationProblem(problem);
                }
            }

            if (ErrorCount > 0)
            {
                throw new ScenarioException(Sorted());
            }

            return scenario;
        }

        private Scenario ReadScenario(YamlMappingNode root)
        {
            var scenario = new Scenario();
            var sawProtocol = false;
            var sawParticipants = false;
            YamlNode? votesNode = null;
            YamlNode? readOnlyNode = null;
            YamlNode? expectNode = null;
            YamlNode? tahoeKey = null;
            var protocolRead = false;
            foreach (var (key, keyNode, value) in Entries(root, "", TopKeys))
            {
                Locations[key] = keyNode.Start;
                switch (key)
                {
                    case "title":
                        if (Scalar(value, key) is { } title)
                        {
                            if (title.Length > MaxTitleLength)
                            {
                                Add(value.Start, $"the title is {title.Length} characters long; at most {MaxTitleLength} are allowed", "a title is one line that names what the scenario shows; explanations go in a # comment");
                            }
                            else
                            {
                                scenario = scenario with { Title = title };
                            }
                        }

                        break;

                    case "protocol":
                        sawProtocol = true;
                        if (value is YamlScalarNode { Value: { } named } && named.Trim().Equals("tahoe", StringComparison.OrdinalIgnoreCase))
                        {
                            Add(value.Start, "'protocol: tahoe' needs the way the writers coordinate", "write 'protocol: tahoe-uncoordinated', 'protocol: tahoe-2pc' or 'protocol: tahoe-magic-folder', with a 'tahoe:' section for writers and servers");
                            nodesKnown = false;
                            break;
                        }

                        if (Choice(value, key, ProtocolNames, "protocol is 2pc (two-phase commit), 3pc (three-phase commit), paxos-commit (Paxos Commit, with 'acceptors: 2F+1') or, for Tahoe-LAFS, tahoe-uncoordinated, tahoe-2pc or tahoe-magic-folder (with a 'tahoe:' section)") is { } protocol)
                        {
                            protocolRead = true;
                            scenario = scenario with
                            {
                                Protocol = protocol switch
                                {
                                    "2pc" => ProtocolKind.TwoPhase,
                                    "3pc" => ProtocolKind.ThreePhase,
                                    "paxos-commit" => ProtocolKind.PaxosCommit,
                                    "tahoe-uncoordinated" => ProtocolKind.TahoeUncoordinated,
                                    "tahoe-2pc" => ProtocolKind.TahoeTwoPhase,
                                    _ => ProtocolKind.TahoeMagicFolder,
                                },
                            };
                        }
                        else
                        {
                            nodesKnown = false;
                        }

                        break;

                    case "participants":
                        sawParticipants = true;
                        if (Int(value, key, "the number of participants, from 1 to 16, as in 'participants: 3'") is { } participants)
                        {
                            scenario = scenario with { Participants = participants };
                        }
                        else
                        {
                            nodesKnown = false;
                        }

                        break;

                    case "seed":
                        if (Seed(value) is { } seed)
                        {
                            scenario = scenario with { Seed = seed };
                        }

                        break;

                    case "network":
                        scenario = scenario with { Network = ReadNetwork(value, scenario.Network, "[20, 40]") };
                        break;

                    case "failureDetector":
                        if (Choice(value, key, ["timeout", "perfect"], "failureDetector is timeout (suspects silent nodes, can be wrong) or perfect (an oracle that knows who crashed)") is { } detector)
                        {
                            scenario = scenario with { FailureDetector = detector == "perfect" ? DetectorKind.Perfect : DetectorKind.Timeout };
                        }

                        break;

                    case "timeouts":
                        scenario = scenario with { Timeouts = ReadTimeouts(value, scenario.Timeouts) };
                        break;

                    case "cooperativeTermination":
                        if (Bool(value, key) is { } cooperative)
                        {
                            scenario = scenario with { CooperativeTermination = cooperative };
                        }

                        break;

                    case "outcomeLog":
                        if (Bool(value, key) is { } outcomeLog)
                        {
                            scenario = scenario with { OutcomeLog = outcomeLog };
                        }
                        else
                        {
                            nodesKnown = false;
                        }

                        break;

                    case "forcedWrite":
                        if (Int(value, key, "the ticks a forced log write takes, as in 'forcedWrite: 5'") is { } forcedWrite)
                        {
                            scenario = scenario with { ForcedWriteTicks = forcedWrite };
                        }

                        break;

                    case "maxTicks":
                        if (Long(value, key, "the tick at which the run stops, from 1 to 1000000, as in 'maxTicks: 10000'") is { } maxTicks)
                        {
                            scenario = scenario with { MaxTicks = maxTicks };
                        }

                        break;

                    case "maxEvents":
                        if (Long(value, key, "the number of events after which the run stops, from 1 to 1000000, as in 'maxEvents: 100000'") is { } maxEvents)
                        {
                            scenario = scenario with { MaxEvents = maxEvents };
                        }

                        break;

                    case "votes":
                        // Read after the loop: which names are participants depends on 'participants',
                        // which may come later in the file.
                        votesNode = value;
                        break;

                    case "faults":
                        scenario = scenario with { Faults = ReadFaults(keyNode, value) };
                        break;

                    case "presume":
                        if (Choice(value, key, ["nothing", "abort", "commit"], "presume is nothing (basic 2PC), abort (presumed abort) or commit (presumed commit)") is { } presume)
                        {
                            scenario = scenario with { Presume = presume switch { "abort" => Presumption.Abort, "commit" => Presumption.Commit, _ => Presumption.Nothing } };
                        }

                        break;

                    case "acceptors":
                        if (Int(value, key, "the number of acceptors, an odd 2F+1 from 1 to 7, as in 'acceptors: 3'") is { } acceptors)
                        {
                            scenario = scenario with { Acceptors = acceptors };
                        }
                        else
                        {
                            nodesKnown = false;
                        }

                        break;

                    case "readOnly":
                        // Read after the loop, like votes: the names depend on 'participants' and 'votes'.
                        readOnlyNode = value;
                        break;

                    case "expect":
                        // Read after the loop: which outcomes it may name depends on the protocol.
                        expectNode = value;
                        break;

                    case "tahoe":
                        tahoeKey = keyNode;
                        scenario = scenario with { Tahoe = ReadTahoe(value) };
                        break;
                }
            }

            if (expectNode is not null)
            {
                scenario = scenario with { Expect = ReadExpect(expectNode, Names.IsTahoe(scenario.Protocol)) };
            }

            if (Names.IsTahoe(scenario.Protocol))
            {
                tahoeRun = true;
                return ReadTahoeEnd(root, scenario);
            }

            if (tahoeKey is not null)
            {
                if (!protocolRead)
                {
                    // The protocol line is already an error; a file with a tahoe section meant a Tahoe
                    // run, so complaining about its participants or its section would be noise.
                    return scenario with { Tahoe = null };
                }

                Add(tahoeKey.Start, $"the tahoe section belongs to a Tahoe-LAFS protocol, not {Names.Of(scenario.Protocol)}", "remove it, or say 'protocol: tahoe-2pc' (or tahoe-uncoordinated, tahoe-magic-folder)");
                scenario = scenario with { Tahoe = null };
            }

            if (!sawProtocol)
            {
                Add(root.Start, "the scenario does not say which protocol to run", "add 'protocol: 2pc' or 'protocol: 3pc'");
                nodesKnown = false;
            }

            if (!sawParticipants)
            {
                Add(root.Start, "the scenario does not say how many participants there are", "add 'participants: 3' (from 1 to 16)");
                nodesKnown = false;
            }

            if (votesNode is not null)
            {
                scenario = scenario with { NoVoters = ReadVotes(votesNode, scenario.Participants) };
            }

            if (readOnlyNode is not null)
            {
                scenario = scenario with { ReadOnly = ReadReadOnly(readOnlyNode, scenario.Participants, scenario.NoVoters) };
            }

            return scenario;
        }

        private TimeoutSettings ReadTimeouts(YamlNode node, TimeoutSettings timeouts)
        {
            if (Mapping(node, "timeouts", "{ vote: 200, decision: 300, resend: 150, detector: 150, prepare: off }") is not { } map)
            {
                return timeouts;
            }

            foreach (var (key, keyNode, value) in Entries(map, "timeouts", TimeoutKeys))
            {
                Locations["timeouts." + key] = keyNode.Start;
                if (key == "prepare")
                {
                    // Off is the default and a value of its own: a participant that waits for PREPARE for ever.
                    if (value is YamlScalarNode { Value: { } off } && off.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
                    {
                        timeouts = timeouts with { Prepare = null };
                    }
                    else if (Int(value, "timeouts.prepare", "the ticks a participant waits for PREPARE before aborting on its own, as in 'prepare: 100', or 'off' to wait for ever") is { } prepare)
                    {
                        timeouts = timeouts with { Prepare = prepare };
                    }

                    continue;
                }

                if (Int(value, "timeouts." + key, "a number of ticks (1 tick reads as 1 ms), as in 'vote: 200'") is not { } ticks)
                {
                    continue;
                }

                timeouts = key switch
                {
                    "vote" => timeouts with { Vote = ticks },
                    "decision" => timeouts with { Decision = ticks },
                    "resend" => timeouts with { Resend = ticks },
                    _ => timeouts with { Detector = ticks },
                };
            }

            return timeouts;
        }

        private ImmutableHashSet<string> ReadVotes(YamlNode node, int participants)
        {
            var noVoters = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            if (IsNull(node))
            {
                return noVoters.ToImmutable();
            }

            if (Mapping(node, "votes", "{ P2: no }") is not { } map)
            {
                return noVoters.ToImmutable();
            }

            // Which names are participants is only known when the count itself was valid.
            var countValid = nodesKnown && participants is >= 1 and <= Scenario.MaxParticipants;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } name })
                {
                    Add(keyNode.Start, "votes are keyed by participant name, as in 'P2: no'", null);
                    continue;
                }

                if (!FaultText.TryNode(name, out var voter, out var problem))
                {
                    Add(keyNode.Start, problem.Message, problem.Hint);
                    continue;
                }

                if (voter is "LOG" || voter[0] != 'P')
                {
                    Add(keyNode.Start, $"only participants vote, and {voter} is not one", $"name participants P1..P{participants}");
                    continue;
                }

                if (countValid && int.Parse(voter.AsSpan(1), CultureInfo.InvariantCulture) > participants)
                {
                    Add(keyNode.Start, $"unknown node '{voter}': this run has participants P1..P{participants}", $"raise 'participants' or vote with one of P1..P{participants}");
                    continue;
                }

                if (!seen.Add(voter))
                {
                    Add(keyNode.Start, $"votes names {voter} twice", "give each participant one vote");
                    continue;
                }

                Locations["votes." + voter] = keyNode.Start;
                switch (Choice(value, "vote", ["yes", "no"], "participants not listed vote yes", $"the vote of {voter} must be yes or no"))
                {
                    case "no":
                        noVoters.Add(voter);
                        break;
                }
            }

            return noVoters.ToImmutable();
        }

        private ImmutableHashSet<string> ReadReadOnly(YamlNode node, int participants, ImmutableHashSet<string> noVoters)
        {
            const string Example = "a list of participants, as in 'readOnly: [P2]'";
            var readers = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            if (IsNull(node))
            {
                return readers.ToImmutable();
            }

            if (node is not YamlSequenceNode list)
            {
                Add(node.Start, $"readOnly must be a list of participants, not {Describe(node)}", Example);
                return readers.ToImmutable();
            }

            var countValid = nodesKnown && participants is >= 1 and <= Scenario.MaxParticipants;
            foreach (var item in list.Children)
            {
                if (Scalar(item, "readOnly") is not { } name)
                {
                    continue;
                }

                if (!FaultText.TryNode(name, out var reader, out var problem))
                {
                    Add(item.Start, problem.Message, problem.Hint);
                    continue;
                }

                if (reader is "LOG" || reader[0] != 'P')
                {
                    Add(item.Start, $"only participants can be read-only, and {reader} is not one", $"name participants P1..P{participants}");
                    continue;
                }

                if (countValid && int.Parse(reader.AsSpan(1), CultureInfo.InvariantCulture) > participants)
                {
                    Add(item.Start, $"unknown node '{reader}': this run has participants P1..P{participants}", $"raise 'participants' or name one of P1..P{participants}");
                    continue;
                }

                if (noVoters.Contains(reader))
                {
                    Add(item.Start, $"{reader} is read-only and also votes no", "a read-only participant votes READ-ONLY; remove it from 'votes' or from 'readOnly'");
                    continue;
                }

                if (!readers.Add(reader))
                {
                    Add(item.Start, $"readOnly names {reader} twice", "name each read-only participant once");
                    continue;
                }

                Locations["readOnly." + reader] = item.Start;
            }

            return readers.ToImmutable();
        }

        private ImmutableArray<ScheduledFault> ReadFaults(YamlNode key, YamlNode node) =>
            ReadFaultList(key, node, "'- { at: 600, do: \"recover L\" }'", ReadFault);

        private ScheduledFault? ReadFault(YamlNode node)
        {
            const string Example = "for example '- { when: \"L logs commit\", do: \"crash L\" }' or '- { at: 600, do: \"recover L\" }'";
            if (node is not YamlMappingNode map)
            {
                Add(node.Start, $"a fault is a mapping with a time and an action, not {Describe(node)}", Example);
                return null;
            }

            var line = (int)map.Start.Line;
            RememberFaultColumn(map);
            var timings = new List<(string Key, FaultTiming? Timing)>();
            FaultAction? action = null;
            var sawDo = false;
            var broken = false;
            foreach (var (key, _, value) in Entries(map, "fault", FaultKeys))
            {
                switch (key)
                {
                    case "at":
                        var tick = Long(value, "at", "the tick at which the fault happens, as in 'at: 600'");
                        timings.Add((key, tick is { } t ? new FaultTiming.AtTick(t) : null));
                        break;
                    case "afterEvent":
                        var count = Long(value, "afterEvent", "the number of events the run has processed before the fault, as in 'afterEvent: 57'");
                        timings.Add((key, count is { } c ? new FaultTiming.AfterEvent(c) : null));
                        break;
                    case "when":
                        FaultTiming? timing = null;
                        if (Scalar(value, "when") is { } triggerText)
                        {
                            if (FaultText.TryParseTrigger(triggerText, out var trigger, out FaultText.Problem problem))
                            {
                                timing = new FaultTiming.OnTrigger(trigger!);
                            }
                            else
                            {
                                Add(value.Start, problem.Message, problem.Hint);
                            }
                        }

                        timings.Add((key, timing));
                        break;
                    case "do":
                        sawDo = true;
                        if (Scalar(value, "do") is { } actionText)
                        {
                            if (FaultText.TryParseAction(actionText, out action, out FaultText.Problem problem))
                            {
                                break;
                            }

                            Add(value.Start, problem.Message, problem.Hint);
                        }

                        broken = true;
                        break;
                }
            }

            // { afterEvent: 57, at: 130 } is one moment: after event 57, with the clock at 130 (how the Lab
            // records a fault injected while the run was paused between events).
            if (timings.Count == 2 && timings.Any(t => t.Key == "afterEvent") && timings.Any(t => t.Key == "at"))
            {
                var after = timings.First(t => t.Key == "afterEvent").Timing as FaultTiming.AfterEvent;
                var at = timings.First(t => t.Key == "at").Timing as FaultTiming.AtTick;
                timings = [("afterEvent", after is null || at is null ? null : after with { Tick = at.Tick })];
            }

            if (timings.Count == 0)
            {
                Add(map.Start, "this fault does not say when it happens", "give it exactly one of at: <tick>, when: \"<trigger>\" or afterEvent: <count>");
                broken = true;
            }
            else if (timings.Count > 1)
            {
                Add(map.Start, $"this fault has both {string.Join(" and ", timings.Select(t => t.Key + ":"))}, but a fault happens at one moment", "keep exactly one of at:, when: and afterEvent: (only afterEvent: may add an at: for the clock)");
                broken = true;
            }

            if (!sawDo)
            {
                Add(map.Start, "this fault does not say what happens", "add do: \"<action>\", as in do: \"crash L\"; " + FaultText.ActionForms);
                broken = true;
            }

            return broken || action is null || timings[0].Timing is not { } when ? null : new ScheduledFault(when, action, line);
        }

        private Expectation? ReadExpect(YamlNode node, bool tahoe)
        {
            if (tahoe)
            {
                return ReadTahoeExpect(node);
            }

            if (IsNull(node))
            {
                return null;
            }

            if (Mapping(node, "expect", "{ outcome: committed, messages: 12 }") is not { } map)
            {
                return null;
            }

            var expectation = new Expectation();
            foreach (var (key, _, value) in Entries(map, "expect", ExpectKeys))
            {
                if (key == "outcome")
                {
                    var names = Enum.GetValues<RunOutcome>().Select(OutcomeName).ToArray();
                    if (Choice(value, "expect.outcome", names, "outcome is one of " + string.Join(", ", names)) is { } outcome)
                    {
                        expectation = expectation with { Outcome = Enum.GetValues<RunOutcome>().First(o => OutcomeName(o) == outcome) };
                    }
                }
                else if (Int(value, "expect.messages", "the exact number of messages the run sends, as in 'messages: 12'") is { } messages)
                {
                    if (messages < 0)
                    {
                        Add(value.Start, $"expect.messages must be 0 or more, not {messages}", "the exact number of messages the run sends, as in 'messages: 12'");
                    }
                    else
                    {
                        expectation = expectation with { Messages = messages };
                    }
                }
            }

            return expectation;
        }

        /// <summary>Settings of the 2PC, 3PC and Paxos Commit runs that a Tahoe-LAFS run has no use for.</summary>
        private static readonly string[] CommitOnlyKeys =
        [
            "participants", "failureDetector", "timeouts", "cooperativeTermination", "outcomeLog", "votes", "presume", "readOnly", "acceptors",
        ];

        /// <summary>What only a Tahoe run checks once the whole file is read: its section is there, its starts name its writers, no commit-only key crept in.</summary>
        private Scenario ReadTahoeEnd(YamlMappingNode root, Scenario scenario)
        {
            foreach (var key in CommitOnlyKeys)
            {
                if (Locations.TryGetValue(key, out var at))
                {
                    Add(at, $"'{key}' is not a setting of a Tahoe-LAFS run", "a Tahoe run has writers and servers, set in the 'tahoe:' section, as in 'tahoe: { writers: 2, servers: 3 }'");
                }
            }

            if (scenario.Tahoe is not { } tahoe)
            {
                Add(root.Start, $"protocol {Names.Of(scenario.Protocol)} needs a 'tahoe:' section", "add 'tahoe: { writers: 2, servers: 3 }'");
                return scenario with { Tahoe = new TahoeSettings() };
            }

            foreach (var (writer, tick) in tahoe.Starts)
            {
                var at = Locations.TryGetValue("tahoe.starts." + writer, out var mark) ? mark : new Mark();
                if (writer[0] != 'W' || int.Parse(writer.AsSpan(1), CultureInfo.InvariantCulture) > tahoe.Writers)
                {
                    Add(at, $"unknown writer '{writer}'; this run has writers W1..W{tahoe.Writers}", "starts are keyed by writer, as in 'starts: { W1: 0, W2: 10 }'");
                }
                else if (tick < 0 || tick > scenario.MaxTicks)
                {
                    Add(at, $"tahoe.starts.{writer} must be between 0 and maxTicks ({scenario.MaxTicks}), not {tick}", null);
                }
            }

            return scenario;
        }

        private TahoeSettings? ReadTahoe(YamlNode node)
        {
            if (Mapping(node, "tahoe", "{ writers: 2, servers: 3 }") is not { } map)
            {
                return null;
            }

            var tahoe = new TahoeSettings();
            foreach (var (key, keyNode, value) in Entries(map, "tahoe", TahoeKeys))
            {
                Locations["tahoe." + key] = keyNode.Start;
                switch (key)
                {
                    case "writers":
                        if (Bounded(value, "tahoe.writers", TahoeSettings.MinWriters, TahoeSettings.MaxWriters, "writers are W1..Wn; two to four make a collision easy to follow, as in 'writers: 2'") is { } w)
                        {
                            tahoe = tahoe with { Writers = w };
                        }

                        break;
                    case "servers":
                        if (Bounded(value, "tahoe.servers", 1, TahoeSettings.MaxServers, "servers are S1..Sn; Tahoe's default spreads shares over a handful, as in 'servers: 3'") is { } sv)
                        {
                            tahoe = tahoe with { Servers = sv };
                        }

                        break;
                    case "starts":
                        tahoe = tahoe with { Starts = ReadStarts(value) };
                        break;
                    case "retry":
                        tahoe = tahoe with { Retry = ReadRetry(value, tahoe.Retry) };
                        break;
                    case "resend":
                        if (Bounded(value, "tahoe.resend", 1, Scenario.MaxTimerTicks, "ticks a writer waits before asking again, as in 'resend: 100'") is { } resend)
                        {
                            tahoe = tahoe with { ResendTicks = resend };
                        }

                        break;
                    default:
                        if (Bounded(value, "tahoe.poll", 1, Scenario.MaxTimerTicks, "ticks between two reads of the magic-folder reader, as in 'poll: 60'") is { } poll)
                        {
                            tahoe = tahoe with { PollTicks = poll };
                        }

                        break;
                }
            }

            return tahoe;
        }

        /// <summary>An integer within [min, max], reported at its own node when outside.</summary>
        private int? Bounded(YamlNode value, string name, int min, int max, string hint)
        {
            if (Int(value, name, hint) is not { } number)
            {
                return null;
            }

            if (number < min || number > max)
            {
                Add(value.Start, $"{name} must be between {min} and {max}, not {number}", hint);
                return null;
            }

            return number;
        }

        private ImmutableSortedDictionary<string, long> ReadStarts(YamlNode node)
        {
            var starts = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
            if (Mapping(node, "tahoe.starts", "{ W1: 0, W2: 10 }") is not { } map)
            {
                return starts.ToImmutable();
            }

            foreach (var (keyNode, value) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } name } || !FaultText.TryNode(name, out var writer, out _) || writer[0] != 'W')
                {
                    Add(keyNode.Start, $"starts are keyed by writer name, not {Describe(keyNode)}", "as in 'starts: { W1: 0, W2: 10 }'");
                    continue;
                }

                Locations["tahoe.starts." + writer] = keyNode.Start;
                if (Long(value, $"tahoe.starts.{writer}", "the tick the writer starts its update, as in 'W2: 10'") is { } tick && !starts.TryAdd(writer, tick))
                {
                    Add(keyNode.Start, $"starts names {writer} twice", "give each writer one start tick");
                }
            }

            return starts.ToImmutable();
        }

        private TahoeRetry ReadRetry(YamlNode node, TahoeRetry retry)
        {
            if (node is YamlScalarNode)
            {
                return Bool(node, "tahoe.retry") is { } on ? retry with { Enabled = on } : retry;
            }

            if (Mapping(node, "tahoe.retry", "{ enabled: true, backoff: [40, 120], limit: 5 }") is not { } map)
            {
                return retry;
            }

            foreach (var (key, keyNode, value) in Entries(map, "tahoe.retry", RetryKeys))
            {
                switch (key)
                {
                    case "enabled":
                        if (Bool(value, "tahoe.retry.enabled") is { } on)
                        {
                            retry = retry with { Enabled = on };
                        }

                        break;
                    case "backoff":
                        const string Hint = "the backoff is a range of ticks [min, max] with 1 <= min <= max, as in 'backoff: [40, 120]'";
                        int? min = null, max = null;
                        if (value is YamlSequenceNode { Children.Count: 2 } range)
                        {
                            min = Bounded(range.Children[0], "tahoe.retry.backoff min", 1, Scenario.MaxTimerTicks, Hint);
                            max = Bounded(range.Children[1], "tahoe.retry.backoff max", 1, Scenario.MaxTimerTicks, Hint);
                        }
                        else
                        {
                            min = max = Bounded(value, "tahoe.retry.backoff", 1, Scenario.MaxTimerTicks, Hint);
                        }

                        if (min is { } lo && max is { } hi)
                        {
                            if (hi < lo)
                            {
                                Add(value.Start, $"tahoe.retry.backoff max ({hi}) is below its min ({lo})", Hint);
                            }
                            else
                            {
                                retry = retry with { BackoffMin = lo, BackoffMax = hi };
                            }
                        }

                        break;
                    default:
                        if (Bounded(value, "tahoe.retry.limit", 0, 20, "how many times a refused writer tries again, from 0 to 20") is { } limit)
                        {
                            retry = retry with { Limit = limit };
                        }

                        break;
                }
            }

            return retry;
        }

        private Expectation? ReadTahoeExpect(YamlNode node)
        {
            if (IsNull(node) || Mapping(node, "expect", "{ outcome: committed }") is not { } map)
            {
                return null;
            }

            var expectation = new Expectation();
            foreach (var (key, _, value) in Entries(map, "expect", ExpectKeys))
            {
                if (key == "outcome")
                {
                    var names = TahoeOutcomes.Names;
                    if (Choice(value, "expect.outcome", names, "a Tahoe run's outcome is one of " + string.Join(", ", names)) is { } outcome)
                    {
                        expectation = expectation with { Tahoe = TahoeOutcomes.Parse(outcome) };
                    }
                }
                else if (Bounded(value, "expect.messages", 0, int.MaxValue, "the exact number of messages the run sends, as in 'messages: 24'") is { } messages)
                {
                    expectation = expectation with { Messages = messages };
                }
            }

            return expectation;
        }

        /// <summary>Outcome names as scenario files and the CLI spell them.</summary>
        internal static string OutcomeName(RunOutcome outcome) => outcome.ToString().ToLowerInvariant();

        protected override string UnknownKeyHint(string key, string section, string[] validKeys)
        {
            // An unquoted "partition L,P1 | P2,P3" inside { ... } is split at its commas, and the
            // pieces show up as keys: the real mistake is the missing quotes.
            if (section == "fault" && (key.Contains('|', StringComparison.Ordinal) || FaultText.TryNode(key, out _, out _)))
            {
                return "inside { ... } a comma separates entries, so quote actions and triggers that contain one: do: \"partition L,P1 | P2,P3\"";
            }

            var nested = section.Length == 0
                ? NetworkKeys.Contains(key) ? "network" : TimeoutKeys.Contains(key) ? "timeouts" : ExpectKeys.Contains(key) ? "expect" : null
                : null;
            if (nested is not null)
            {
                return $"'{key}' belongs under '{nested}:', as in '{nested}: {{ {key}: ... }}'";
            }

            return Spelling.DidYouMean(key, validKeys) + "valid keys" + (section.Length == 0 ? "" : $" in {section}") + ": " + string.Join(", ", validKeys);
        }

        /// <summary>
        /// Places a <see cref="Scenario.Validate"/> problem at the key it is about. Fault problems
        /// carry "line N:" (from <see cref="ScheduledFault.Line"/>); the others start with the key's name.
        /// </summary>
        private void AddValidationProblem(string problem)
        {
            if (problem.StartsWith("line ", StringComparison.Ordinal))
            {
                var colon = problem.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 5 && int.TryParse(problem.AsSpan(5, colon - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var line))
                {
                    var column = FaultColumn(line);
                    var message = problem[(colon + 2)..];
                    Add(line, column, message, message.StartsWith("unknown node", StringComparison.Ordinal) ? tahoeRun ? "tahoe: { writers: n, servers: m } gives the nodes W1..Wn and S1..Sm, plus the reader R in tahoe-magic-folder" : "participants: n gives the nodes L and P1..Pn, plus LOG with outcomeLog: true, or A1..A(2F+1) with acceptors: 2F+1" : null);
                    return;
                }
            }

            // Votes were already checked against the participants while reading them, at their own
            // lines, and so was the tahoe section.
            if (problem.StartsWith("votes names", StringComparison.Ordinal) || problem.StartsWith("readOnly names", StringComparison.Ordinal) || problem.StartsWith("tahoe.", StringComparison.Ordinal))
            {
                return;
            }

            (string Key, string? Hint)[] places =
            [
                ("participants", "names are L and P1..Pn; at most 16 participants keep a run small enough to draw and reason about"),
                ("network latency", "latency is [min, max] ticks with 1 <= min <= max"),
                ("network loss", "loss is a probability: 0.0 never loses a message, 1.0 loses all"),
                ("timeouts.vote", null),
                ("timeouts.decision", null),
                ("timeouts.resend", null),
                ("timeouts.detector", null),
                ("timeouts.prepare", null),
                ("presume", "remove 'presume' or use 'protocol: 2pc'"),
                ("acceptors", "2F+1 acceptors survive F crashes: 'acceptors: 1' is 2PC's single commit point, 3 tolerate one crash, 5 two; only paxos-commit has them"),
                ("readOnly", "remove 'readOnly' or use 'protocol: 2pc'"),
                ("forcedWrite", null),
                ("maxTicks", null),
                ("maxEvents", "a run that needs more events than this is too busy to draw or replay; raise timeouts.resend or lower maxTicks"),
                ("outcomeLog", "remove 'outcomeLog: true' or use 'protocol: 2pc'"),
                ("a run takes at most", null),
            ];
            foreach (var (prefix, hint) in places)
            {
                if (!problem.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var key = prefix switch
                {
                    "network latency" => "network.latency",
                    "network loss" => "network.loss",
                    "a run takes at most" => "faults",
                    _ => prefix,
                };
                // A paxos-commit file without 'acceptors' is reported at its protocol line.
                var mark = Locations.TryGetValue(key, out var at) ? at
                    : key == "acceptors" && Locations.TryGetValue("protocol", out var protocolAt) ? protocolAt
                    : Locations.TryGetValue(key.Split('.')[0], out var parent) ? parent
                    : new Mark();
                Add(mark, problem, hint);
                return;
            }

            Add(new Mark(), problem, null);
        }

    }
}
