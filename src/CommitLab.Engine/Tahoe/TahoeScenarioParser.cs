using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommitLab.Engine.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Reads Tahoe-LAFS scenario files: the ones whose top level says <c>protocol: tahoe</c> (see
/// docs/scenarios.md). Built on the same reader as <see cref="ScenarioParser"/>, so it refuses the same
/// oversized, over-nested or malformed input and reports every problem at file:line:col with a hint.
/// </summary>
public static partial class TahoeScenarioParser
{
    internal static readonly string[] TopKeys =
    [
        "title", "protocol", "mode", "writers", "servers", "seed", "network", "starts", "retry",
        "resend", "poll", "forcedWrite", "maxTicks", "maxEvents", "faults", "expect",
    ];

    internal static readonly string[] RetryKeys = ["enabled", "backoff", "limit"];
    internal static readonly string[] ExpectKeys = ["outcome", "messages"];
    internal static readonly string[] FaultKeys = ["at", "when", "do"];

    /// <summary>
    /// Whether YAML text is a Tahoe scenario: a top-level <c>protocol: tahoe</c> line. A line test, not
    /// a parse, so every consumer of lessons/scenarios can sort files cheaply before reading them.
    /// </summary>
    public static bool IsTahoe(string yaml) => yaml is not null && TahoeLine().IsMatch(yaml);

    public static bool IsTahoeFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= ScenarioParser.MaxBytes && IsTahoe(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static TahoeScenario ParseFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ScenarioException([new ScenarioError(path, 1, 1, $"no such file: {info.FullName}", "check the path; lesson scenarios live in lessons/scenarios/")]);
        }

        if (info.Length > ScenarioParser.MaxBytes)
        {
            throw new ScenarioException([new ScenarioError(path, 1, 1, $"the file is {info.Length:N0} bytes; scenario files may be at most {ScenarioParser.MaxBytes:N0} bytes (1 MiB)", null)]);
        }

        try
        {
            return Parse(File.ReadAllText(path, Encoding.UTF8), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new ScenarioError(path, 1, 1, $"cannot read the file: {e.Message}", null)]);
        }
    }

    public static TahoeScenario Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > ScenarioParser.MaxBytes || Encoding.UTF8.GetByteCount(yaml) > ScenarioParser.MaxBytes)
        {
            throw new ScenarioException([new ScenarioError(fileName, 1, 1, $"scenario files may be at most {ScenarioParser.MaxBytes:N0} bytes (1 MiB)", null)]);
        }

        return new Reader(fileName).Read(yaml);
    }

    [GeneratedRegex(@"^protocol:[ \t]*[""']?tahoe[""']?[ \t]*(#.*)?\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex TahoeLine();

    private sealed class Reader(string file) : YamlScenarioReader(file)
    {

        protected override string EmptyFileHint => "a Tahoe scenario needs at least 'protocol: tahoe' and 'mode: 2pc' (or uncoordinated, magic-folder)";

        protected override string StartHint => "start the file with lines like 'protocol: tahoe' and 'mode: 2pc'";

        protected override string KeyExamples => "title:, protocol:, mode:, writers:";

        protected override string UnknownKeyHint(string key, string section, string[] validKeys)
        {
            if (section.Length == 0 && key is "latency" or "loss")
            {
                return $"'{key}' belongs under 'network:', as in 'network: {{ {key}: ... }}'";
            }

            if (section.Length == 0 && key is "participants")
            {
                return "a Tahoe run has writers and servers, as in 'writers: 2' and 'servers: 3'";
            }

            return base.UnknownKeyHint(key, section, validKeys);
        }

        public TahoeScenario Read(string yaml)
        {
            var root = Load(yaml);
            if (root is null)
            {
                throw new ScenarioException(Found());
            }

            var scenario = ReadScenario(root);
            foreach (var problem in scenario.Validate())
            {
                Place(problem);
            }

            if (ErrorCount > 0)
            {
                throw new ScenarioException(Sorted());
            }

            return scenario;
        }

        private TahoeScenario ReadScenario(YamlMappingNode root)
        {
            var scenario = new TahoeScenario();
            var sawMode = false;
            var sawProtocol = false;
            foreach (var (key, keyNode, value) in Entries(root, "", TopKeys))
            {
                Locations[key] = keyNode.Start;
                switch (key)
                {
                    case "title":
                        if (Scalar(value, key) is { } title)
                        {
                            scenario = scenario with { Title = title };
                        }

                        break;
                    case "protocol":
                        sawProtocol = true;
                        Choice(value, key, ["tahoe"], "this reader takes 'protocol: tahoe'; 2pc and 3pc files have their own format");
                        break;
                    case "mode":
                        sawMode = true;
                        if (Choice(value, key, TahoeModes.All, "mode is uncoordinated, 2pc or magic-folder") is { } mode)
                        {
                            scenario = scenario with { Mode = TahoeModes.Parse(mode)!.Value };
                        }

                        break;
                    case "writers":
                        if (Int(value, key, $"the number of writers, from {TahoeScenario.MinWriters} to {TahoeScenario.MaxWriters}, as in 'writers: 2'") is { } w)
                        {
                            scenario = scenario with { Writers = w };
                        }

                        break;
                    case "servers":
                        if (Int(value, key, $"the number of storage servers, from 1 to {TahoeScenario.MaxServers}, as in 'servers: 3'") is { } s)
                        {
                            scenario = scenario with { Servers = s };
                        }

                        break;
                    case "seed":
                        if (Seed(value) is { } seed)
                        {
                            scenario = scenario with { Seed = seed };
                        }

                        break;
                    case "network":
                        scenario = scenario with { Network = ReadNetwork(value, scenario.Network, "[10, 40]") };
                        break;
                    case "starts":
                        scenario = scenario with { Starts = ReadStarts(value) };
                        break;
                    case "retry":
                        scenario = scenario with { Retry = ReadRetry(value, scenario.Retry) };
                        break;
                    case "resend":
                        if (Int(value, key, "ticks a writer waits before asking again, as in 'resend: 100'") is { } resend)
                        {
                            scenario = scenario with { ResendTicks = resend };
                        }

                        break;
                    case "poll":
                        if (Int(value, key, "ticks between two reads of the magic-folder reader, as in 'poll: 60'") is { } poll)
                        {
                            scenario = scenario with { PollTicks = poll };
                        }

                        break;
                    case "forcedWrite":
                        if (Int(value, key, "the ticks a forced write takes, as in 'forcedWrite: 5'") is { } forced)
                        {
                            scenario = scenario with { ForcedWriteTicks = forced };
                        }

                        break;
                    case "maxTicks":
                        if (Long(value, key, "the tick at which the run stops, from 1 to 1000000, as in 'maxTicks: 10000'") is { } max)
                        {
                            scenario = scenario with { MaxTicks = max };
                        }

                        break;
                    case "maxEvents":
                        if (Long(value, key, "the number of events after which the run stops, from 1 to 1000000, as in 'maxEvents: 100000'") is { } maxEvents)
                        {
                            scenario = scenario with { MaxEvents = maxEvents };
                        }

                        break;
                    case "faults":
                        scenario = scenario with { Faults = ReadFaults(keyNode, value) };
                        break;
                    case "expect":
                        scenario = scenario with { Expect = ReadExpect(value) };
                        break;
                }
            }

            if (!sawProtocol)
            {
                Add(root.Start, "the scenario does not say it is a Tahoe run", "add 'protocol: tahoe'");
            }

            if (!sawMode)
            {
                Add(root.Start, "the scenario does not say how the writers coordinate", "add 'mode: uncoordinated', 'mode: 2pc' or 'mode: magic-folder'");
            }

            return scenario;
        }

        private ImmutableSortedDictionary<string, long> ReadStarts(YamlNode node)
        {
            var starts = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
            if (Mapping(node, "starts", "{ W1: 0, W2: 10 }") is not { } map)
            {
                return starts.ToImmutable();
            }

            foreach (var (keyNode, value) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } name } || !TahoeFaultText.TryNode(name, out var writer, out _) || !writer.StartsWith('W'))
                {
                    Add(keyNode.Start, $"starts are keyed by writer name, not {Describe(keyNode)}", "as in 'starts: { W1: 0, W2: 10 }'");
                    continue;
                }

                Locations["starts." + writer] = keyNode.Start;
                if (Long(value, $"starts.{writer}", "the tick the writer starts its update, as in 'W2: 10'") is { } tick && !starts.TryAdd(writer, tick))
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
                return Bool(node, "retry") is { } on ? retry with { Enabled = on } : retry;
            }

            if (Mapping(node, "retry", "{ enabled: true, backoff: [40, 120], limit: 5 }") is not { } map)
            {
                return retry;
            }

            foreach (var (key, keyNode, value) in Entries(map, "retry", RetryKeys))
            {
                Locations["retry." + key] = keyNode.Start;
                switch (key)
                {
                    case "enabled":
                        if (Bool(value, "retry.enabled") is { } on)
                        {
                            retry = retry with { Enabled = on };
                        }

                        break;
                    case "backoff":
                        const string Hint = "the backoff is a range of ticks [min, max], as in 'backoff: [40, 120]'";
                        if (value is YamlSequenceNode { Children.Count: 2 } range)
                        {
                            if (Int(range.Children[0], "retry.backoff min", Hint) is { } min && Int(range.Children[1], "retry.backoff max", Hint) is { } max)
                            {
                                retry = retry with { BackoffMin = min, BackoffMax = max };
                            }
                        }
                        else if (Int(value, "retry.backoff", Hint) is { } fixedBackoff)
                        {
                            retry = retry with { BackoffMin = fixedBackoff, BackoffMax = fixedBackoff };
                        }

                        break;
                    default:
                        if (Int(value, "retry.limit", "how many times a refused writer tries again, from 0 to 20") is { } limit)
                        {
                            retry = retry with { Limit = limit };
                        }

                        break;
                }
            }

            return retry;
        }

        private ImmutableArray<TahoeFault> ReadFaults(YamlNode key, YamlNode node) =>
            ReadFaultList(key, node, "'- { at: 600, do: \"crash S2\" }'", ReadFault);

        private TahoeFault? ReadFault(YamlNode node)
        {
            const string Example = "for example '- { at: 30, do: \"crash S2\" }' or '- { when: \"W1 sends prepare to S2\", do: drop }'";
            if (node is not YamlMappingNode map)
            {
                Add(node.Start, $"a fault is a mapping with a time and an action, not {Describe(node)}", Example);
                return null;
            }

            var line = (int)map.Start.Line;
            RememberFaultColumn(map);
            TahoeFaultTiming? timing = null;
            TahoeFaultAction? action = null;
            var timings = 0;
            var broken = false;
            foreach (var (key, _, value) in Entries(map, "fault", FaultKeys))
            {
                switch (key)
                {
                    case "at":
                        timings++;
                        if (Long(value, "at", "the tick at which the fault happens, as in 'at: 30'") is { } tick)
                        {
                            timing = new TahoeFaultTiming.AtTick(tick);
                        }
                        else
                        {
                            broken = true;
                        }

                        break;
                    case "when":
                        timings++;
                        if (Scalar(value, "when") is { } text && TahoeFaultText.TryParseTrigger(text, out var trigger, out _))
                        {
                            timing = trigger;
                        }
                        else
                        {
                            broken = true;
                            if (value is YamlScalarNode { Value: { } bad } && !TahoeFaultText.TryParseTrigger(bad, out _, out var why))
                            {
                                Add(value.Start, why, TahoeFaultText.TriggerForms);
                            }
                        }

                        break;
                    default:
                        if (Scalar(value, "do") is { } actionText && TahoeFaultText.TryParseAction(actionText, out var parsed, out _))
                        {
                            action = parsed;
                        }
                        else
                        {
                            broken = true;
                            if (value is YamlScalarNode { Value: { } bad } && !TahoeFaultText.TryParseAction(bad, out _, out var why))
                            {
                                Add(value.Start, why, Example);
                            }
                        }

                        break;
                }
            }

            if (timings != 1)
            {
                Add(map.Start, timings == 0 ? "this fault does not say when it happens" : "this fault has both at: and when:, but a fault happens at one moment", "give it exactly one of at: <tick> or when: \"<node> sends <message>\"");
                return null;
            }

            if (action is null && !broken)
            {
                Add(map.Start, "this fault does not say what happens", "add do: \"<action>\"; " + TahoeFaultText.ActionForms);
            }

            return broken || action is null || timing is null ? null : new TahoeFault(timing, action, line);
        }

        private TahoeExpectation? ReadExpect(YamlNode node)
        {
            if (Mapping(node, "expect", "{ outcome: committed }") is not { } map)
            {
                return null;
            }

            var expectation = new TahoeExpectation();
            foreach (var (key, _, value) in Entries(map, "expect", ExpectKeys))
            {
                if (key == "outcome")
                {
                    var names = TahoeOutcomes.Names;
                    if (Choice(value, "expect.outcome", names, "outcome is one of " + string.Join(", ", names)) is { } outcome)
                    {
                        expectation = expectation with { Outcome = TahoeOutcomes.Parse(outcome) };
                    }
                }
                else if (Int(value, "expect.messages", "the exact number of messages the run sends, as in 'messages: 24'") is { } messages)
                {
                    expectation = expectation with { Messages = messages };
                }
            }

            return expectation;
        }

        /// <summary>Puts a <see cref="TahoeScenario.Validate"/> problem at the line of the key it is about.</summary>
        private void Place(string problem)
        {
            if (problem.StartsWith("line ", StringComparison.Ordinal))
            {
                var colon = problem.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 5 && int.TryParse(problem.AsSpan(5, colon - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var line))
                {
                    var message = problem[(colon + 2)..];
                    Add(line, FaultColumn(line), message, message.StartsWith("unknown node", StringComparison.Ordinal) ? TahoeFaultText.NodeHint : null);
                    return;
                }
            }

            var key = problem.Split(' ', ':')[0] switch
            {
                "network" => problem.Contains("latency", StringComparison.Ordinal) ? "network.latency" : "network.loss",
                "retry.backoff" => "retry.backoff",
                var first => first,
            };
            var mark = Locations.TryGetValue(key, out var at) ? at
                : Locations.TryGetValue(key.Split('.')[0], out var parent) ? parent
                : new Mark();
            var hint = key switch
            {
                "writers" => "writers are W1..Wn; two to four make a collision easy to follow",
                "servers" => "servers are S1..Sn; Tahoe's default spreads shares over a handful",
                _ => null,
            };
            Add(mark, problem, hint);
        }
    }
}
