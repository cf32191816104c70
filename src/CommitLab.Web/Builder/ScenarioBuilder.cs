using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Faults;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Compare;
using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Builder;

/// <summary>
/// The scenario builder's state: the nodes placed (L, participants, the optional LOG), the network,
/// each participant's vote and the faults with their triggers. It turns into the engine's own
/// <see cref="Scenario"/>, and from there into a scenario file (<see cref="ScenarioWriter"/>) and a
/// Lab link (<see cref="ShareLink"/>). Everything is checked by reading the file back with
/// <see cref="ScenarioParser"/>, so what the builder offers is exactly what `commitlab run` accepts.
/// </summary>
public sealed class ScenarioBuilder
{
    /// <summary>A builder's schedule stays a size a person can read and a link can carry.</summary>
    public const int MaxFaults = 50;

    private readonly List<FaultDraft> faults = [];
    private readonly HashSet<string> noVoters = new(StringComparer.Ordinal);

    public string Title { get; set; } = "My scenario";

    public ProtocolKind Protocol { get; set; } = ProtocolKind.TwoPhase;

    public int Participants { get; private set; } = 3;

    /// <summary>2PC only: the coordinator records its decision at LOG first.</summary>
    public bool OutcomeLog { get; set; }

    public ulong Seed { get; set; } = 1;

    public DetectorKind FailureDetector { get; set; } = DetectorKind.Timeout;

    /// <summary>
    /// The engine draws one latency range and one loss rate for the whole network, so every link
    /// edits these same three numbers.
    /// </summary>
    public int LatencyMin { get; set; } = 20;

    public int LatencyMax { get; set; } = 40;

    /// <summary>Chance, in percent, that a message is lost.</summary>
    public double LossPercent { get; set; }

    public IReadOnlyList<FaultDraft> Faults => faults;

    /// <summary>The run's node names in the engine's order: L, P1..Pn, then LOG when it is on.</summary>
    public ImmutableArray<string> NodeNames => ToScenario().NodeNames();

    /// <summary>The links the diagram draws: L to each participant, and L to LOG.</summary>
    public IEnumerable<(string From, string To)> Links => NodeNames.Skip(1).Select(n => ("L", n));

    public bool HasOutcomeLog => OutcomeLog && Protocol == ProtocolKind.TwoPhase;

    public bool CanAddParticipant => Participants < Scenario.MaxParticipants;

    public bool CanRemoveParticipant => Participants > 1;

    /// <summary>Adds P(n+1), voting yes.</summary>
    public string AddParticipant()
    {
        if (!CanAddParticipant)
        {
            throw new InvalidOperationException($"A scenario has at most {Scenario.MaxParticipants} participants.");
        }

        Participants++;
        return $"P{Participants}";
    }

    /// <summary>Removes the last participant, with its vote and every fault that names it.</summary>
    public void RemoveParticipant()
    {
        if (!CanRemoveParticipant)
        {
            throw new InvalidOperationException("A scenario needs at least one participant.");
        }

        var gone = $"P{Participants}";
        Participants--;
        noVoters.Remove(gone);
        faults.RemoveAll(f => f.TriggerNode == gone || f.Target == gone || (f.NeedsPeer && f.Peer == gone));
    }

    public bool VotesYes(string participant) => !noVoters.Contains(participant);

    public void SetVote(string participant, bool yes)
    {
        if (!IsParticipant(participant))
        {
            throw new ArgumentException($"{participant} is not a participant of this scenario (P1 to P{Participants}).", nameof(participant));
        }

        if (yes)
        {
            noVoters.Remove(participant);
        }
        else
        {
            noVoters.Add(participant);
        }
    }

    /// <summary>Adds a fault hitting <paramref name="node"/>: by default it crashes when L logs commit.</summary>
    public FaultDraft AddFault(string node = "L")
    {
        if (faults.Count >= MaxFaults)
        {
            throw new InvalidOperationException($"A built scenario has at most {MaxFaults} faults.");
        }

        var fault = new FaultDraft { Target = node, Peer = node == "L" ? "P1" : "L" };
        faults.Add(fault);
        return fault;
    }

    public void RemoveFault(FaultDraft fault) => faults.Remove(fault);

    /// <summary>
    /// What <paramref name="fault"/>'s trigger may name, from the vocabulary of the protocol chosen here
    /// and of the role its trigger node plays (L, a participant, LOG), and why its present choice never
    /// fires, if it does not.
    /// </summary>
    public TriggerChoices ChoicesFor(FaultDraft fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var scenario = ToScenario();
        return TriggerChoices.For(ProtocolVocabulary.Of(Protocol), ProtocolVocabulary.RoleOf(scenario, fault.TriggerNode), fault.When, WhyNever(fault, scenario));
    }

    /// <summary>Why <paramref name="fault"/> would never fire in <paramref name="scenario"/>, in the comparison page's words, or null.</summary>
    private static string? WhyNever(FaultDraft fault, Scenario scenario) =>
        fault.ToScheduledFault().When is FaultTiming.OnTrigger { Trigger: var trigger } ? TriggerReach.WhyNot(trigger, scenario) : null;

    /// <summary>The engine's scenario for what is on the canvas.</summary>
    public Scenario ToScenario() => new()
    {
        Title = string.IsNullOrWhiteSpace(Title) ? "My scenario" : Title.Trim(),
        Protocol = Protocol,
        Participants = Participants,
        Seed = Seed,
        Network = new NetworkSettings(LatencyMin, LatencyMax, LossPercent / 100.0),
        FailureDetector = FailureDetector,
        OutcomeLog = HasOutcomeLog,
        NoVoters = [.. noVoters.Where(IsParticipant)],
        Faults = [.. faults.Select(f => f.ToScheduledFault())],
    };

    /// <summary>
    /// The scenario file, or the problems that keep it from being one: the file is read back by the
    /// same parser the CLI and the Lab use, so a scenario that passes here runs there.
    /// </summary>
    public BuiltScenario Build()
    {
        var scenario = ToScenario();
        // A fault that never fires would run as if it were not there, which is worse than no file:
        // the teacher would think the run shows it.
        var problems = scenario.Validate()
            .Concat(faults.Select((f, i) => WhyNever(f, scenario) is { } why ? $"fault {i + 1} (“{f.Describe()}”) never fires: {why}" : null).OfType<string>())
            .ToList();
        if (problems.Count > 0)
        {
            return new BuiltScenario(null, null, [.. problems]);
        }

        var yaml = ScenarioWriter.ToYaml(scenario);
        try
        {
            var read = ScenarioParser.Parse(yaml, FileName);
            return new BuiltScenario(yaml, ShareLink.Create(read, new TimelinePosition(0, 0)), []);
        }
        catch (ScenarioException e)
        {
            return new BuiltScenario(null, null, [e.Message]);
        }
    }

    /// <summary>The download's file name, from the title.</summary>
    public string FileName
    {
        get
        {
            var slug = new string([.. Title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
            while (slug.Contains("--", StringComparison.Ordinal))
            {
                slug = slug.Replace("--", "-", StringComparison.Ordinal);
            }

            return (slug.Length == 0 ? "scenario" : slug[..Math.Min(slug.Length, 60)]) + ".yaml";
        }
    }

    private bool IsParticipant(string name) =>
        name.Length > 1 && name[0] == 'P' && int.TryParse(name.AsSpan(1), out var i) && i >= 1 && i <= Participants;
}

/// <summary>A built scenario: its file and Lab link, or why there are none.</summary>
/// <param name="LabLink">Null also when the scenario is valid but too long for a link.</param>
public sealed record BuiltScenario(string? Yaml, string? LabLink, ImmutableArray<string> Problems)
{
    public bool Ok => Yaml is not null;
}
