using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab;

/// <summary>What the user has picked in the network drawing (or with the keyboard) to act on.</summary>
public abstract record LabSelection
{
    private LabSelection()
    {
    }

    public sealed record Node(string Name) : LabSelection;

    public sealed record Link(string A, string B) : LabSelection;

    public sealed record Message(long Id) : LabSelection;
}

/// <summary>One fault the user can inject from the menu: a button label, the fault and its shortcut key.</summary>
public sealed record FaultChoice(string Label, FaultAction Action, string? Key, string Hint);

/// <summary>
/// The faults that make sense for a selection at this moment: a crashed node offers recover, a live
/// one crash, freeze and (before it votes) vote no; a link offers cut or heal each way; a message in
/// flight offers drop and delay. The same list backs the buttons, the keyboard shortcuts and the tests.
/// </summary>
public static class FaultMenu
{
    public const int FreezeTicks = 400;

    public const int DelayTicks = 200;

    public static ImmutableArray<FaultChoice> For(LabSelection? selection, Snapshot snapshot)
    {
        switch (selection)
        {
            case LabSelection.Node { Name: var name } when snapshot.Nodes.FirstOrDefault(n => n.Name == name) is { } node:
                if (!node.Up)
                {
                    return [new FaultChoice($"Recover {name}", new FaultAction.Recover(name), "r", "restart it from its durable log")];
                }

                var choices = ImmutableArray.CreateBuilder<FaultChoice>();
                choices.Add(new FaultChoice($"Crash {name}", new FaultAction.Crash(name), "c", "lose its memory; its log survives"));
                choices.Add(new FaultChoice($"Freeze {name} for {FreezeTicks} ms", new FaultAction.Freeze(name, FreezeTicks), "f", "a long pause: alive, but silent"));
                if (node.Role == "participant" && node.Phase == Phase.Working && !node.VotesNo)
                {
                    choices.Add(new FaultChoice($"{name} votes no", new FaultAction.VoteNo(name), "v", "it will refuse to prepare"));
                }

                return choices.ToImmutable();

            case LabSelection.Link { A: var a, B: var b }:
                var ab = snapshot.Links.FirstOrDefault(l => l.From == a && l.To == b)?.Up ?? true;
                var ba = snapshot.Links.FirstOrDefault(l => l.From == b && l.To == a)?.Up ?? true;
                var links = ImmutableArray.CreateBuilder<FaultChoice>();
                if (ab && ba)
                {
                    links.Add(new FaultChoice($"Cut {a}–{b}", new FaultAction.Cut(a, b, BothWays: true), "x", "both directions"));
                }

                if (ab)
                {
                    links.Add(new FaultChoice($"Cut {a}→{b} only", new FaultAction.Cut(a, b, BothWays: false), null, $"{b} still reaches {a}"));
                }

                if (ba)
                {
                    links.Add(new FaultChoice($"Cut {b}→{a} only", new FaultAction.Cut(b, a, BothWays: false), null, $"{a} still reaches {b}"));
                }

                if (!ab || !ba)
                {
                    links.Add(new FaultChoice($"Heal {a}–{b}", new FaultAction.Heal(a, b, BothWays: true), "h", "both directions carry messages again"));
                }

                return links.ToImmutable();

            case LabSelection.Message { Id: var id } when snapshot.InFlight.FirstOrDefault(m => m.Id == id) is { } message:
                return
                [
                    new FaultChoice($"Drop {Network.MessageStyle.Label(message.Kind, message.Decision, message.State)} #{id}", new FaultAction.Drop(id), "d", "it never arrives"),
                    new FaultChoice($"Delay it {DelayTicks} ms", new FaultAction.Delay(DelayTicks, id), "y", "it arrives late"),
                ];

            default:
                return [];
        }
    }

    /// <summary>Describes a selection for headings and screen readers.</summary>
    public static string Describe(LabSelection? selection, Snapshot snapshot) => selection switch
    {
        LabSelection.Node n => snapshot.Nodes.FirstOrDefault(x => x.Name == n.Name) is { } node
            ? $"{node.Name} ({node.Role}, {(node.Up ? Names.Of(node.Phase) : "crashed")})"
            : n.Name,
        LabSelection.Link l => $"link {l.A}–{l.B}",
        LabSelection.Message m => snapshot.InFlight.FirstOrDefault(x => x.Id == m.Id) is { } msg
            ? $"{Network.MessageStyle.Label(msg.Kind, msg.Decision, msg.State)} #{msg.Id}, {msg.From}→{msg.To}"
            : $"message #{m.Id} (arrived or lost)",
        _ => "nothing selected",
    };
}
