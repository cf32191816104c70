using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;

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
