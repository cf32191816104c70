using System.Collections.Immutable;
using System.Globalization;
using CommitLab.Engine.Faults;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CommitLab.Engine.Scenarios;

/// <summary>
/// What every scenario reader shares: loading YAML safely (size and depth bounded), reading typed
/// values with a hint on every mistake, and collecting errors at their line and column. The 2PC/3PC
/// reader and the Tahoe-LAFS reader build on it, so both report problems the same way.
/// </summary>
internal abstract class YamlScenarioReader(string file)
{
    private readonly List<ScenarioError> errors = [];

    private readonly Dictionary<int, int> faultColumns = [];

    private bool overflowed;

    protected string File => file;

    protected int ErrorCount => errors.Count;

    /// <summary>The errors so far, in the order they were found.</summary>
    protected List<ScenarioError> Found() => [.. errors];

    /// <summary>What to tell someone whose file is empty.</summary>
    protected abstract string EmptyFileHint { get; }

    /// <summary>What to tell someone whose file is not a mapping.</summary>
    protected abstract string StartHint { get; }

    /// <summary>A few top-level keys, to show what a mapping of keys looks like.</summary>
    protected abstract string KeyExamples { get; }

    /// <summary>The hint for an unknown key; readers override it to point at the section a key belongs in.</summary>
    protected virtual string UnknownKeyHint(string key, string section, string[] validKeys) =>
        Spelling.DidYouMean(key, validKeys) + "valid keys" + (section.Length == 0 ? "" : $" in {section}") + ": " + string.Join(", ", validKeys);

    /// <summary>Errors in file order, as a compiler lists them; ties keep the order they were found in.</summary>
    protected List<ScenarioError> Sorted()
    {
        var sorted = errors.Select((error, index) => (error, index))
            .OrderBy(pair => pair.error.Line).ThenBy(pair => pair.error.Column).ThenBy(pair => pair.index)
            .Select(pair => pair.error).ToList();
        if (overflowed)
        {
            sorted.Add(new ScenarioError(file, sorted[^1].Line, 1, $"more than {ScenarioParser.MaxErrors} problems; the rest are not shown", "fix the ones above first; is this a scenario file?"));
        }

        return sorted;
    }

    protected YamlMappingNode? Load(string yaml)
    {
        if (!CheckDepth(yaml))
        {
            return null;
        }

        var stream = new YamlStream();
        if (!ReadYaml(yaml, stream.Load))
        {
            return null;
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            Add(new Mark(), "the file is empty", EmptyFileHint);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Add(stream.Documents[1].RootNode.Start, "a scenario file holds one YAML document, but this one has a second", "remove the '---' line and what follows, or move it to its own file");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            Add(node.Start, $"a scenario is a mapping of keys ({KeyExamples}, ...), not {Describe(node)}", StartHint);
            return null;
        }

        return errors.Count > 0 ? null : root;
    }

    /// <summary>
    /// Walks the parser's events, which needs no recursion, before the representation model is
    /// built, which does: a file of nothing but '[[[[...' must be an error, not a stack overflow.
    /// </summary>
    protected bool CheckDepth(string yaml) => ReadYaml(yaml, parser =>
    {
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > ScenarioParser.MaxDepth)
                    {
                        Add(parser.Current.Start, $"the YAML is nested more than {ScenarioParser.MaxDepth} levels deep", "a scenario nests at most three levels: faults, a fault, its keys");
                        return false;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return true;
    });

    /// <summary>
    /// Runs YamlDotNet over <paramref name="yaml"/> and turns any failure of it into an error at a line
    /// and column. Besides <see cref="YamlException"/>, YamlDotNet throws other exceptions on some
    /// malformed input (an unclosed '[' followed by 'key: value' on the next line throws
    /// InvalidOperationException); those carry no position, so the scanner's is used: it is where
    /// reading stopped, which is at or just after the mistake.
    /// </summary>
    private bool ReadYaml(string yaml, Func<IParser, bool> read)
    {
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            return read(new Parser(scanner));
        }
        catch (YamlException e)
        {
            AddSyntaxError(e);
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Add(scanner.CurrentPosition, "this is not valid YAML: reading stopped here (is a '[' or '{' above left open?)", "check that every '[' has its ']' and every '{' its '}' on the same line, and put values containing ': ', '#', ',', '[' or '{' in quotes");
            return false;
        }
    }

    private bool ReadYaml(string yaml, Action<IParser> read) => ReadYaml(yaml, parser =>
    {
        read(parser);
        return true;
    });

    protected void AddSyntaxError(YamlException e)
    {
        // YamlDotNet reports a repeated key as "Duplicate key <name>": say it the way a student would fix it.
        const string Duplicate = "Duplicate key ";
        var message = e.Message.StartsWith(Duplicate, StringComparison.Ordinal)
            ? $"the key '{FaultText.Clip(e.Message[Duplicate.Length..])}' appears twice in the same mapping"
            : $"this is not valid YAML: {e.Message}";
        var hint = e.Message.StartsWith(Duplicate, StringComparison.Ordinal)
            ? "each key may appear once; remove or rename one of them"
            : "check the indentation (spaces, not tabs) and put values containing ': ', '#', ',', '|' or '{' in quotes";
        Add(e.Start, message, hint);
    }

    /// <summary>
    /// The entries of a mapping whose keys are known; unknown keys become errors with a
    /// did-you-mean and the list of valid keys, so typos never pass silently as defaults.
    /// </summary>
    protected IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string section, string[] validKeys)
    {
        var where = section.Length == 0 ? "" : $" in {section}";
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                Add(keyNode.Start, $"keys{where} must be plain words, not {Describe(keyNode)}", "valid keys: " + string.Join(", ", validKeys));
                continue;
            }

            if (!validKeys.Contains(key, StringComparer.Ordinal))
            {
                Add(keyNode.Start, $"unknown key '{FaultText.Clip(key)}'{where}", UnknownKeyHint(key, section, validKeys));
                continue;
            }

            yield return (key, scalarKey, value);
        }
    }

    /// <summary>Where each key was written ("network.loss" -> its mark), so a problem found later points at its line.</summary>
    protected Dictionary<string, Mark> Locations { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The <c>network:</c> mapping, the same for every protocol: a latency range (or one fixed number)
    /// and a loss probability. <paramref name="latencyExample"/> is the range the hints show.
    /// </summary>
    protected NetworkSettings ReadNetwork(YamlNode node, NetworkSettings network, string latencyExample)
    {
        if (Mapping(node, "network", $"{{ latency: {latencyExample}, loss: 0.0 }}") is not { } map)
        {
            return network;
        }

        foreach (var (key, keyNode, value) in Entries(map, "network", ScenarioParser.NetworkKeys))
        {
            Locations["network." + key] = keyNode.Start;
            if (key == "latency")
            {
                if (ReadLatency(value, latencyExample) is var (min, max))
                {
                    network = network with { LatencyMin = min, LatencyMax = max };
                }
            }
            else if (Double(value, "network.loss", "the probability that a message is lost, from 0.0 to 1.0") is { } loss)
            {
                network = network with { Loss = loss };
            }
        }

        return network;
    }

    private (int Min, int Max)? ReadLatency(YamlNode node, string example)
    {
        var hint = $"latency is a range of ticks [min, max], as in 'latency: {example}', or one number for a fixed latency";
        if (node is YamlScalarNode)
        {
            return Int(node, "network.latency", hint) is { } fixedLatency ? (fixedLatency, fixedLatency) : null;
        }

        if (node is not YamlSequenceNode { Children.Count: 2 } range)
        {
            Add(node.Start, $"network.latency must be a range [min, max], not {Describe(node)}", hint);
            return null;
        }

        var min = Int(range.Children[0], "network.latency min", hint);
        var max = Int(range.Children[1], "network.latency max", hint);
        return min is { } lo && max is { } hi ? (lo, hi) : null;
    }

    protected YamlMappingNode? Mapping(YamlNode node, string name, string example)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        Add(node.Start, $"{name} must be a mapping, not {Describe(node)}", $"write it as '{name}: {example}'");
        return null;
    }

    /// <summary>A single value; lists, mappings and empty values are type errors.</summary>
    protected string? Scalar(YamlNode node, string name)
    {
        if (node is not YamlScalarNode scalar)
        {
            Add(node.Start, $"{name} must be a single value, not {Describe(node)}", null);
            return null;
        }

        if (IsNull(scalar))
        {
            Add(node.Start, $"{name} has no value", null);
            return null;
        }

        return scalar.Value!;
    }

    /// <summary>One of a fixed set of words, case-insensitive; returns the canonical spelling.</summary>
    protected string? Choice(YamlNode node, string name, string[] options, string hint, string? rule = null)
    {
        if (Scalar(node, name) is not { } text)
        {
            return null;
        }

        var match = options.FirstOrDefault(option => option.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var message = rule is null ? $"unknown {name} '{FaultText.Clip(text)}'" : $"{rule}, not '{FaultText.Clip(text)}'";
            Add(node.Start, message, Spelling.DidYouMean(text, options) + hint);
        }

        return match;
    }

    protected bool? Bool(YamlNode node, string name)
    {
        var value = Choice(node, name, ["true", "false"], "write true or false", $"{name} must be true or false");
        return value is null ? null : value == "true";
    }

    protected int? Int(YamlNode node, string name, string hint)
    {
        if (Long(node, name, hint) is not { } value)
        {
            return null;
        }

        if (value is < int.MinValue or > int.MaxValue)
        {
            Add(node.Start, $"{name} is out of range: {value}", hint);
            return null;
        }

        return (int)value;
    }

    protected long? Long(YamlNode node, string name, string hint)
    {
        if (Scalar(node, name) is not { } text)
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var why = text.Contains(',', StringComparison.Ordinal) || text.Contains('_', StringComparison.Ordinal) ? "write numbers without separators; " : "";
        var message = IsNumberLike(text) ? $"{name} is out of range or not a whole number: {FaultText.Clip(text)}" : $"{name} must be a whole number, not '{FaultText.Clip(text)}'";
        Add(node.Start, message, why + hint);
        return null;
    }

    protected double? Double(YamlNode node, string name, string hint)
    {
        if (Scalar(node, name) is not { } text)
        {
            return null;
        }

        // Only plain decimal notation: "NaN" and "Infinity" parse as doubles but are never a probability.
        if (double.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Add(node.Start, $"{name} must be a number, not '{FaultText.Clip(text)}'", hint);
        return null;
    }

    protected ulong? Seed(YamlNode node)
    {
        const string Hint = "the seed is a whole number from 0 to 18446744073709551615; the same seed gives the same run";
        if (Scalar(node, "seed") is not { } text)
        {
            return null;
        }

        if (ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            return seed;
        }

        Add(node.Start, IsNumberLike(text) ? $"seed is out of range: {FaultText.Clip(text)}" : $"seed must be a whole number, not '{FaultText.Clip(text)}'", Hint);
        return null;
    }

    /// <summary>
    /// Reads a scenario's <c>faults:</c> list, one entry at a time through <paramref name="readFault"/>
    /// (which reports its own errors and returns null for a broken entry), within the shared bound.
    /// </summary>
    protected ImmutableArray<T> ReadFaultList<T>(YamlNode key, YamlNode node, string example, Func<YamlNode, T?> readFault)
        where T : class
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            Add(node.Start, $"faults must be a list, not {Describe(node)}", $"write one {example} line per fault");
            return [];
        }

        if (list.Children.Count > Scenario.MaxFaults)
        {
            Add(key.Start, $"a scenario takes at most {Scenario.MaxFaults} faults, but this one lists {list.Children.Count}", "split the schedule into several scenarios");
            return [];
        }

        var faults = ImmutableArray.CreateBuilder<T>(list.Children.Count);
        foreach (var entry in list.Children)
        {
            if (readFault(entry) is { } fault)
            {
                faults.Add(fault);
            }
        }

        return faults.ToImmutable();
    }

    /// <summary>
    /// Remembers where a fault's mapping starts, so errors found later (when its node names are checked
    /// against the whole scenario) can point at the fault's own column.
    /// </summary>
    protected void RememberFaultColumn(YamlMappingNode map) => faultColumns.TryAdd((int)map.Start.Line, (int)map.Start.Column);

    /// <summary>The column of the fault that starts on <paramref name="line"/>, or 1.</summary>
    protected int FaultColumn(int line) => faultColumns.GetValueOrDefault(line, 1);

    protected static bool IsNumberLike(string text) =>
        text.Trim().Length > 0 && text.Trim().All(ch => char.IsAsciiDigit(ch) || ch is '-' or '+' or '.' or 'e' or 'E');

    protected internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    protected static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "an empty value",
        YamlScalarNode scalar => $"the value '{FaultText.Clip(scalar.Value ?? "")}'",
        _ => "an alias",
    };

    protected void Add(Mark mark, string message, string? hint) =>
        Add((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message, hint);

    protected void Add(int line, int column, string message, string? hint)
    {
        if (errors.Count < ScenarioParser.MaxErrors)
        {
            errors.Add(new ScenarioError(file, line, column, message, hint));
        }
        else
        {
            overflowed = true;
        }
    }
}
