using System.Globalization;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// Whether a comparison is fair: the same faults striking both sides. A fault strikes one side only
/// when that side alone can take it (the other never sends the message its trigger names, or lacks
/// the node: <see cref="CompareSetup"/> left it out there, for <see cref="TriggerReach"/>'s or
/// <see cref="FaultChecks"/>'s reason), when a hand fault acts on a message of one side, or when its
/// trigger fired on one side and the other side ended without it. The status line says so, so a
/// class does not read a difference the faults made as one the protocols made.
/// </summary>
public static class FaultParity
{
    /// <summary>
    /// The faults that strike one side only, the run's own first (in its order), then the hand faults.
    /// A triggered fault both sides took counts only once the side it has not struck has ended: until
    /// then its moment may still come.
    /// </summary>
    public static IReadOnlyList<OneSidedFault> Find(CompareMode mode, CompareSide left, CompareSide right, PlaybackSession leftRun, PlaybackSession rightRun, bool leftEnded, bool rightEnded)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftRun);
        ArgumentNullException.ThrowIfNull(rightRun);
        var (leftName, rightName) = (Label(left, mode), Label(right, mode));
        var found = new List<OneSidedFault>();
        var watched = new List<(ScheduledFault Original, ScheduledFault Left, ScheduledFault Right)>();
        foreach (var (l, r) in left.Carried.Zip(right.Carried))
        {
            switch (l.Kept, r.Kept)
            {
                case (not null, null):
                    found.Add(new(Plain(l.Original), CompareSideKey.Left, leftName, Missing(l.Original, left, rightName, right) ?? r.Why ?? $"{rightName} left it out"));
                    break;
                case (null, not null):
                    found.Add(new(Plain(r.Original), CompareSideKey.Right, rightName, Missing(r.Original, right, leftName, left) ?? l.Why ?? $"{leftName} left it out"));
                    break;
                case ({ When: FaultTiming.OnTrigger } kl, { } kr):
                    watched.Add((l.Original, kl, kr));
                    break;
            }
        }

        // The traces are read only once a side has ended: before that no triggered fault can be one-sided yet.
        if (watched.Count > 0 && (leftEnded || rightEnded))
        {
            var firedLeft = Fired(leftRun);
            var firedRight = Fired(rightRun);
            foreach (var (original, l, r) in watched)
            {
                var onLeft = firedLeft.Remove(l);
                var onRight = firedRight.Remove(r);
                var trigger = ((FaultTiming.OnTrigger)original.When).Trigger.ToText();
                if (onLeft && !onRight && rightEnded)
                {
                    found.Add(new(Plain(original), CompareSideKey.Left, leftName, $"on {rightName}, “{trigger}” never happened"));
                }
                else if (onRight && !onLeft && leftEnded)
                {
                    found.Add(new(Plain(original), CompareSideKey.Right, rightName, $"on {leftName}, “{trigger}” never happened"));
                }
            }
        }

        // A hand fault goes to both sides at one moment; one that is on one side only is a message of
        // that side's, or one the other side refused (the engine's own check says why).
        var rightHand = rightRun.HandFaultList.ToList();
        var leftOnly = new List<ScheduledFault>();
        foreach (var fault in leftRun.HandFaultList)
        {
            var twin = rightHand.FindIndex(f => f.Do.ToText() == fault.Do.ToText());
            if (twin >= 0)
            {
                rightHand.RemoveAt(twin);
            }
            else
            {
                leftOnly.Add(fault);
            }
        }

        found.AddRange(leftOnly.Select(f => new OneSidedFault(Plain(f), CompareSideKey.Left, leftName, HandWhy(f, leftName, left, rightName, right))));
        found.AddRange(rightHand.Select(f => new OneSidedFault(Plain(f), CompareSideKey.Right, rightName, HandWhy(f, rightName, right, leftName, left))));
        return found;
    }

    /// <summary>
    /// What the status line says of the faults: null when every fault strikes both sides, else one
    /// sentence per one-sided fault ("Drop PREPARE from L to P2 strikes 2PC only: 3PC sends no PREPARE
    /// message (its first message is CAN-COMMIT)."), in the past tense once both sides have ended.
    /// </summary>
    public static string? Say(IReadOnlyList<OneSidedFault> faults, bool ended)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (faults.Count == 0)
        {
            return null;
        }

        var verb = ended ? "struck" : "strikes";
        return string.Join(" ", faults.Select(f => $"{f.Fault} {verb} {f.Side} only: {f.Why}."));
    }

    /// <summary>
    /// How a sentence names a side: by its protocol when the sides differ in protocol ("2PC", "3PC"),
    /// by its detector when they differ in that ("3PC with the perfect detector").
    /// </summary>
    public static string Label(CompareSide side, CompareMode mode)
    {
        ArgumentNullException.ThrowIfNull(side);
        var protocol = TriggerReach.ShortName(side.Scenario.Protocol);
        return mode == CompareMode.Detectors ? $"{protocol} with the {Names.Of(side.Scenario.FailureDetector)} detector" : protocol;
    }

    /// <summary>
    /// A fault as a student names it: "Drop PREPARE from L to P2", "Delay message #7 by 50 ms",
    /// "Crash L when L logs commit".
    /// </summary>
    public static string Plain(ScheduledFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var message = fault.When is FaultTiming.OnTrigger { Trigger: { Kind: TriggerKind.Sends, Message: { } kind } t }
            ? $"{Names.Of(kind).ToUpperInvariant()} from {t.Node}" + (t.Peer is { } peer ? $" to {peer}" : "")
            : null;
        return fault.Do switch
        {
            FaultAction.Drop { MessageId: { } id } => $"Drop message #{id}",
            FaultAction.Delay { MessageId: { } id } d => $"Delay message #{id} by {d.Ticks} ms",
            FaultAction.Drop when message is not null => $"Drop {message}",
            FaultAction.Delay d when message is not null => $"Delay {message} by {d.Ticks} ms",
            _ => Capitalised(CompareSetup.Describe(fault)),
        };
    }

    private static string HandWhy(ScheduledFault fault, string side, CompareSide own, string otherName, CompareSide other) =>
        fault.Do is FaultAction.Drop { MessageId: not null } or FaultAction.Delay { MessageId: not null }
            ? $"that message flew on {side}; {otherName} sends its own"
            : Missing(fault, own, otherName, other)
                ?? FaultChecks.Problems(fault, other.Scenario.NodeNames().ToHashSet(StringComparer.Ordinal)).FirstOrDefault()
                ?? $"{otherName} did not take it";

    /// <summary>"3PC has no LOG node" when the fault names a node of <paramref name="own"/>'s that the other side lacks, or null.</summary>
    private static string? Missing(ScheduledFault fault, CompareSide own, string otherName, CompareSide other) =>
        CompareSetup.NoSuchNode(fault, own.Scenario.NodeNames(), otherName, other.Scenario.NodeNames().ToHashSet(StringComparer.Ordinal));

    /// <summary>The triggered faults that have struck the run so far (the simulator marks each as it fires).</summary>
    private static List<ScheduledFault> Fired(PlaybackSession run) => run.Read(sim => sim.FiredTriggerFaults().ToList());

    private static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
}
