using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using FsCheck;
using FsCheck.Fluent;

namespace CommitLab.Engine.Tests.Scenarios;

public class FaultTextTests
{
    /// <summary>One of every action kind, in every variant the grammar has.</summary>
    public static TheoryData<FaultAction> EveryActionKind() =>
    [
        new FaultAction.Crash("L"),
        new FaultAction.Recover("P2"),
        new FaultAction.Freeze("P1", 300),
        new FaultAction.Cut("L", "P1", BothWays: true),
        new FaultAction.Cut("P3", "L", BothWays: false),
        new FaultAction.Heal("L", "P1", BothWays: true),
        new FaultAction.Heal("LOG", "L", BothWays: false),
        new FaultAction.HealAll(),
        new FaultAction.Partition([["L", "P1"], ["P2", "P3"]]),
        new FaultAction.Partition([["L"], ["P1"], ["P2", "P3", "LOG"]]),
        new FaultAction.Drop(),
        new FaultAction.Drop(12),
        new FaultAction.Delay(200),
        new FaultAction.Delay(50, 7),
        new FaultAction.VoteNo("P16"),
    ];

    [Theory]
    [MemberData(nameof(EveryActionKind))]
    public void Every_action_round_trips_through_its_text(FaultAction action)
    {
        Assert.True(FaultText.TryParseAction(action.ToText(), out var parsed, out string error), error);
        Assert.Equal(action, parsed);
    }

    [Fact]
    public void Every_trigger_kind_and_word_round_trips_through_its_text()
    {
        var triggers = new List<Trigger>();
        triggers.AddRange(Names.CommitRecords.Select(r => new Trigger(TriggerKind.Logs, "L", Record: r)));
        triggers.AddRange(Names.AllPhases.Select(p => new Trigger(TriggerKind.Enters, "P3", State: p)));
        foreach (var message in Names.CommitMessages)
        {
            triggers.Add(new Trigger(TriggerKind.Sends, "L", Message: message));
            triggers.Add(new Trigger(TriggerKind.Sends, "P1", Message: message, Peer: "P2"));
            triggers.Add(new Trigger(TriggerKind.Receives, "LOG", Message: message));
            triggers.Add(new Trigger(TriggerKind.Receives, "P12", Message: message, Peer: "L"));
        }

        foreach (var trigger in triggers)
        {
            Assert.True(FaultText.TryParseTrigger(trigger.ToText(), out var parsed, out string error), $"{trigger.ToText()}: {error}");
            Assert.Equal(trigger, parsed);
        }
    }

    [Theory]
    [InlineData("CRASH l", "crash L")]
    [InlineData("  recover   p2 ", "recover P2")]
    [InlineData("Freeze P1 FOR 40", "freeze P1 for 40")]
    [InlineData("cut l - p1", "cut L-P1")]
    [InlineData("cut L -> P1", "cut L->P1")]
    [InlineData("HEAL ALL", "heal all")]
    [InlineData("heal log->l", "heal LOG->L")]
    [InlineData("partition l,p1|p2, p3", "partition L,P1 | P2,P3")]
    [InlineData("DROP #5", "drop #5")]
    [InlineData("delay #5 10", "delay #5 10")]
    [InlineData("Vote No p3", "vote no P3")]
    public void Actions_are_case_insensitive_and_come_back_canonical(string text, string canonical)
    {
        Assert.Equal(canonical, FaultText.ParseAction(text).ToText());
    }

    [Theory]
    [InlineData("l LOGS Commit", "L logs commit")]
    [InlineData("L sends Pre-Commit to p1", "L sends pre-commit to P1")]
    [InlineData("p2 receives DECISION-REQ FROM p3", "P2 receives decision-req from P3")]
    [InlineData("P1 enters PreCommitted", "P1 enters precommitted")]
    public void Triggers_are_case_insensitive_and_come_back_canonical(string text, string canonical)
    {
        Assert.Equal(canonical, FaultText.ParseTrigger(text).ToText());
    }

    [Theory]
    [InlineData("", "the action is empty")]
    [InlineData("explode L", "unknown action 'explode' (actions are: crash N,")]
    [InlineData("crsh L", "unknown action 'crsh' (did you mean 'crash'?")]
    [InlineData("crash", "expected 'crash <node>'")]
    [InlineData("crash L P1", "expected 'crash <node>'")]
    [InlineData("crash Q1", "unknown node 'Q1' (nodes are L")]
    [InlineData("crash P0", "unknown node 'P0'")]
    [InlineData("freeze L for soon", "'soon' is not a number of ticks")]
    [InlineData("cut L", "expected 'cut A-B' (both ways) or 'cut A->B' (one way)")]
    [InlineData("cut L-L", "names L at both ends")]
    [InlineData("heal everything", "expected 'heal A-B'")]
    [InlineData("partition L,P1", "partition needs at least two groups")]
    [InlineData("partition L,P1 | P1,P2", "partition names P1 twice")]
    [InlineData("partition L, | P2", "has an empty group or member")]
    [InlineData("drop 12", "'12' is not a message id")]
    [InlineData("delay", "expected 'delay <ticks>' or 'delay #<id> <ticks>'")]
    [InlineData("vote yes P1", "expected 'vote no <participant>'")]
    public void Bad_actions_say_what_is_wrong(string text, string message)
    {
        Assert.False(FaultText.TryParseAction(text, out var action, out string error));
        Assert.Null(action);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => FaultText.ParseAction(text));
    }

    [Theory]
    [InlineData("", "the trigger is empty")]
    [InlineData("L crashes", "cannot read the trigger 'L crashes' (expected '<node> logs <record>', '<node> sends <message> [to <node>]'")]
    [InlineData("L sends precommit", "unknown message 'precommit' (did you mean 'pre-commit'? messages are: prepare, vote-yes, vote-no, commit, abort, ack, can-commit, pre-commit, do-commit, decision-req, decision, state-req, state-report, vote-read-only, phase-1a, phase-1b, phase-2a, phase-2b)")]
    [InlineData("L logs committed", "unknown log record 'committed' (did you mean 'commit'? records are: prepared, precommit, commit, abort, end, collecting, promised, accepted, ballot)")]
    [InlineData("P1 enters precommit", "unknown state 'precommit' (did you mean 'precommitted'?")]
    [InlineData("L sned prepare", "unknown trigger verb 'sned'")]
    [InlineData("L sends prepare from P1", "'sends' names the other node with 'to', not 'from'")]
    [InlineData("P1 receives prepare to L", "'receives' names the other node with 'from', not 'to'")]
    [InlineData("L logs commit to P1", "'logs' takes no other node")]
    [InlineData("L sends prepare to L", "names L twice")]
    [InlineData("X logs commit", "unknown node 'X'")]
    public void Bad_triggers_say_what_is_wrong(string text, string message)
    {
        Assert.False(FaultText.TryParseTrigger(text, out var trigger, out string error));
        Assert.Null(trigger);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => FaultText.ParseTrigger(text));
    }

    [Fact]
    public void Echoed_input_is_clipped()
    {
        Assert.False(FaultText.TryParseAction("explode" + new string('x', 10_000), out _, out string error));
        Assert.True(error.Length < 1_000, error);
    }

    /// <summary>Generated actions over every kind, node index and number: text then parse gives the action back.</summary>
    [Fact]
    public void Generated_actions_round_trip()
    {
        var node = Gen.OneOf(Gen.Constant("L"), Gen.Constant("LOG"), Gen.Choose(1, 16).Select(i => $"P{i}"));
        var ticks = Gen.Choose(0, 1_000_000);
        var pair = node.SelectMany(a => node.Where(b => b != a).Select(b => (a, b)));
        var partition = Gen.Shuffle(new[] { "L", "P1", "P2", "P3", "P4", "LOG" })
            .SelectMany(nodes => Gen.Choose(1, nodes.Length - 1).Select(cut =>
                (FaultAction)new FaultAction.Partition([[.. nodes[..cut]], [.. nodes[cut..]]])));
        var action = Gen.OneOf(
            node.Select(n => (FaultAction)new FaultAction.Crash(n)),
            node.Select(n => (FaultAction)new FaultAction.Recover(n)),
            node.SelectMany(n => ticks.Select(t => (FaultAction)new FaultAction.Freeze(n, t))),
            pair.SelectMany(p => Gen.Elements(true, false).Select(both => (FaultAction)new FaultAction.Cut(p.a, p.b, both))),
            pair.SelectMany(p => Gen.Elements(true, false).Select(both => (FaultAction)new FaultAction.Heal(p.a, p.b, both))),
            partition,
            ticks.Select(id => (FaultAction)new FaultAction.Drop(id)),
            ticks.SelectMany(t => ticks.Select(id => (FaultAction)new FaultAction.Delay(t, id))),
            node.Select(n => (FaultAction)new FaultAction.VoteNo(n)));
        Prop.ForAll(action.ToArbitrary(), a => FaultText.ParseAction(a.ToText()).Equals(a)).QuickCheckThrowOnFailure();
    }

    /// <summary>Whatever a student types, the parser answers with a result or an error, never an exception.</summary>
    [Fact]
    public void Arbitrary_text_never_throws()
    {
        var words = Gen.Elements("crash", "cut", "heal", "all", "partition", "drop", "delay", "#", "#3", "vote", "no", "for",
            "L", "p1", "LOG", "logs", "sends", "to", "from", "enters", "receives", "-", "->", "|", ",", "12", "-4", "", "pre-commit", "P99999999999");
        var text = Gen.ArrayOf(words).Select(parts => string.Join(" ", parts));
        Prop.ForAll(text.ToArbitrary(), t =>
        {
            _ = FaultText.TryParseAction(t, out _, out string _);
            _ = FaultText.TryParseTrigger(t, out _, out string _);
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Partition_groups_keep_their_order()
    {
        var partition = Assert.IsType<FaultAction.Partition>(FaultText.ParseAction("partition P3,L | P1 | P2"));
        Assert.Equal(["P3", "L"], partition.Groups[0].AsEnumerable());
        Assert.Equal(3, partition.Groups.Length);
    }
}
