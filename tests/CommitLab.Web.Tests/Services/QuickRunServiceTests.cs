using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Services;

namespace CommitLab.Web.Tests.Services;

public sealed class QuickRunServiceTests
{
    private readonly QuickRunService service = new();

    [Fact]
    public void Fault_free_2pc_with_three_participants_commits_with_twelve_messages()
    {
        var result = service.Run(ProtocolKind.TwoPhase, 3);

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(12, result.Messages);
        Assert.True(result.Ticks > 0, "a run takes virtual time");
        Assert.Equal($"committed — 12 messages, {result.Ticks} ticks", result.Summary);
    }

    // Without faults each participant exchanges prepare, vote, decision and ack with the coordinator
    // in 2PC, and can-commit, vote, pre-commit, ack, do-commit and ack in 3PC.
    [Theory]
    [InlineData(ProtocolKind.TwoPhase, 4)]
    [InlineData(ProtocolKind.ThreePhase, 6)]
    public void Every_offered_size_commits_with_the_textbook_message_count(ProtocolKind protocol, int perParticipant)
    {
        foreach (var participants in QuickRunViewModel.ParticipantChoices)
        {
            var result = service.Run(protocol, participants);

            Assert.Equal(RunOutcome.Committed, result.Outcome);
            Assert.Equal(perParticipant * participants, result.Messages);
        }
    }

    [Fact]
    public void The_same_choice_always_gives_the_same_numbers()
    {
        var first = service.Run(ProtocolKind.ThreePhase, 5);
        var second = service.Run(ProtocolKind.ThreePhase, 5);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10)]
    public void A_participant_count_outside_one_to_nine_is_refused_with_a_clear_message(int participants)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => service.Run(ProtocolKind.TwoPhase, participants));

        Assert.Equal("participants", error.ParamName);
        Assert.Contains($"A quick run takes between 1 and 9 participants, not {participants}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_protocol_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => service.Run((ProtocolKind)42, 3));

        Assert.Equal("protocol", error.ParamName);
    }
}
