using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Services;

namespace CommitLab.Web.Tests.Services;

public sealed class QuickRunViewModelTests
{
    private readonly QuickRunViewModel model = new(new QuickRunService());

    [Fact]
    public void Starts_with_2pc_three_participants_and_no_result()
    {
        Assert.Equal(ProtocolKind.TwoPhase, model.Protocol);
        Assert.Equal(3, model.Participants);
        Assert.Null(model.Result);
        Assert.Null(model.Error);
        Assert.Equal("Run fault-free 2PC", model.ButtonText);
    }

    [Fact]
    public void Offers_one_to_nine_participants_and_both_protocols()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], QuickRunViewModel.ParticipantChoices);
        Assert.Equal([ProtocolKind.TwoPhase, ProtocolKind.ThreePhase], QuickRunViewModel.ProtocolChoices);
    }

    [Fact]
    public void The_button_names_the_chosen_protocol()
    {
        model.Protocol = ProtocolKind.ThreePhase;

        Assert.Equal("Run fault-free 3PC", model.ButtonText);
    }

    [Fact]
    public void Run_keeps_the_result()
    {
        model.Protocol = ProtocolKind.ThreePhase;
        model.Participants = 2;

        model.Run();

        Assert.Null(model.Error);
        var result = Assert.IsType<QuickRunResult>(model.Result);
        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(12, result.Messages);
    }

    [Fact]
    public void An_invalid_count_shows_an_error_instead_of_a_result()
    {
        model.Run();
        model.Participants = 12;

        model.Run();

        Assert.Null(model.Result);
        Assert.Equal("A quick run takes between 1 and 9 participants, not 12.", model.Error);
    }

    [Fact]
    public void A_valid_run_after_an_error_clears_the_error()
    {
        model.Participants = 0;
        model.Run();
        model.Participants = 4;

        model.Run();

        Assert.Null(model.Error);
        Assert.Equal(16, model.Result?.Messages);
    }
}
