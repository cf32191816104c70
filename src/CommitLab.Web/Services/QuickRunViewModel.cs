using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Services;

/// <summary>
/// The state behind the home page's quick-run panel: the visitor's choices, the last result or the
/// reason there is none. Kept out of the Razor file so it can be tested without a browser.
/// </summary>
public sealed class QuickRunViewModel(QuickRunService service)
{
    /// <summary>The participant counts the panel offers.</summary>
    public static IReadOnlyList<int> ParticipantChoices { get; } =
        Enumerable.Range(QuickRunService.MinParticipants, QuickRunService.MaxParticipants - QuickRunService.MinParticipants + 1).ToArray();

    /// <summary>The protocols the panel offers.</summary>
    public static IReadOnlyList<ProtocolKind> ProtocolChoices { get; } = [ProtocolKind.TwoPhase, ProtocolKind.ThreePhase];

    public ProtocolKind Protocol { get; set; } = ProtocolKind.TwoPhase;

    public int Participants { get; set; } = 3;

    /// <summary>The last successful run, or null before the first one and after an error.</summary>
    public QuickRunResult? Result { get; private set; }

    /// <summary>Why the last run produced no result, in words a visitor can act on; null otherwise.</summary>
    public string? Error { get; private set; }

    public string ButtonText => $"Run fault-free {QuickRunResult.ProtocolLabel(Protocol)}";

    public void Run()
    {
        Result = null;
        Error = QuickRunService.Problem(Protocol, Participants);
        if (Error is not null)
        {
            return;
        }

        try
        {
            Result = service.Run(Protocol, Participants);
        }
        catch (ScenarioException e)
        {
            Error = $"The engine refused this run: {e.Message}";
        }
    }
}
