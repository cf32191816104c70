using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// Whether a fault's trigger can fire on a side of a comparison, and if not, why, in words. What each
/// protocol sends, logs and becomes is declared by its roles in the engine (<see cref="ProtocolVocabulary"/>);
/// this only says it, so a comparison explains a fault it leaves out instead of running one that
/// silently does nothing.
/// </summary>
public static class TriggerReach
{
    /// <summary>Why <paramref name="trigger"/> cannot fire in <paramref name="protocol"/>, or null when it can.</summary>
    public static string? WhyNot(Trigger trigger, ProtocolKind protocol)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var vocabulary = ProtocolVocabulary.Of(protocol);
        if (vocabulary.CanFire(trigger))
        {
            return null;
        }

        var name = ShortName(protocol);
        return trigger.Kind switch
        {
            TriggerKind.Sends or TriggerKind.Receives =>
                $"{name} sends no {Names.Of(trigger.Message!.Value).ToUpperInvariant()} message" + Counterpart(trigger.Message.Value, protocol),
            TriggerKind.Logs => $"{name} never logs {Names.Of(trigger.Record!.Value).ToUpperInvariant()}",
            _ => $"no {name} node is ever {Names.Of(trigger.State!.Value)}",
        };
    }

    /// <summary>
    /// Why <paramref name="trigger"/> cannot fire in a run of <paramref name="scenario"/>, or null when it
    /// can: its protocol never does it (<see cref="WhyNot(Trigger, ProtocolKind)"/>'s words), or the
    /// node it names plays a role that never does ("in 2PC only the participants write PREPARED"). A
    /// node the scenario does not have is left to <see cref="FaultChecks"/>, which names the nodes it has.
    /// </summary>
    public static string? WhyNot(Trigger trigger, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(scenario);
        if (WhyNot(trigger, scenario.Protocol) is { } never)
        {
            return never;
        }

        if (ProtocolVocabulary.RoleOf(scenario, trigger.Node) is not { } role || role.CanFire(trigger))
        {
            return null;
        }

        var (one, many, what) = trigger.Kind switch
        {
            TriggerKind.Logs => ("writes", "write", Names.Of(trigger.Record!.Value).ToUpperInvariant()),
            TriggerKind.Sends => ("sends", "send", Names.Of(trigger.Message!.Value).ToUpperInvariant()),
            _ => ("is ever", "are ever", Names.Of(trigger.State!.Value)),
        };

        // The roles of this run's nodes that do it, in the order the protocol declares them, each
        // "the coordinator" when one node plays it and "the participants" when several do.
        var nodes = scenario.NodeNames().Select(n => ProtocolVocabulary.RoleOf(scenario, n)?.Name).ToList();
        var doers = ProtocolVocabulary.Of(scenario.Protocol).Roles
            .Where(r => r.CanFire(trigger))
            .Select(r => (r.Name, Count: nodes.Count(n => n == r.Name)))
            .Where(r => r.Count > 0)
            .ToList();
        var name = ShortName(scenario.Protocol);
        var who = string.Join(", ", doers.Select(r => r.Count == 1 ? $"the {r.Name}" : $"the {r.Name}s"));
        var last = who.LastIndexOf(", ", StringComparison.Ordinal);
        who = last < 0 ? who : $"{who[..last]} and {who[(last + 2)..]}";
        return doers switch
        {
            [] => $"no node of this {name} run {one} {what}",
            [{ Count: 1 }] => $"in {name} only {who} {one} {what}",
            _ => $"in {name} only {who} {many} {what}",
        };
    }

    /// <summary>
    /// Each fault of <paramref name="scenario"/> whose trigger can never fire in it, said as a sentence
    /// ("“crash P1 when L logs prepared” never fires: in 2PC only the participants write PREPARED."),
    /// so a run opened from a link or a file says so instead of waiting for a moment that never comes.
    /// </summary>
    public static IEnumerable<string> NeverFiring(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        foreach (var fault in scenario.Faults)
        {
            if (fault.When is FaultTiming.OnTrigger { Trigger: var trigger } && WhyNot(trigger, scenario) is { } why)
            {
                yield return $"“{CompareSetup.Describe(fault)}” never fires: {why}.";
            }
        }
    }

    /// <summary>"2PC", "3PC": how the page names the protocols.</summary>
    public static string ShortName(ProtocolKind protocol) => Names.Of(protocol).ToUpperInvariant();

    /// <summary>The message that plays the same part in the other protocol, as a hint for whoever writes the fault again.</summary>
    private static string Counterpart(MessageKind kind, ProtocolKind protocol) => (kind, protocol) switch
    {
        (MessageKind.CanCommit, ProtocolKind.TwoPhase) => " (its first message is PREPARE)",
        (MessageKind.DoCommit, ProtocolKind.TwoPhase) => " (its commit message is COMMIT)",
        (MessageKind.PreCommit, ProtocolKind.TwoPhase) => " (it has no pre-commit phase)",
        (MessageKind.Prepare, ProtocolKind.ThreePhase) => " (its first message is CAN-COMMIT)",
        (MessageKind.Commit, ProtocolKind.ThreePhase) => " (its commit message is DO-COMMIT)",
        _ => "",
    };
}
