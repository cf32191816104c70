using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Services;

/// <summary>
/// Runs the home page's demonstration: one fault-free transaction on the real engine, to the end,
/// and reports how it finished. Stateless, so one instance serves every visitor.
/// </summary>
public sealed class QuickRunService
{
    public const int MinParticipants = 1;

    /// <summary>
    /// Smaller than the engine's own limit on purpose: the home page shows one line of result, and
    /// anything bigger belongs in the Lab where the run can be watched.
    /// </summary>
    public const int MaxParticipants = 9;

    /// <summary>A fixed seed, so the same choice always shows the same numbers.</summary>
    public const ulong Seed = 1;

    /// <summary>Why a quick run with these choices cannot happen, or null when it can.</summary>
    public static string? Problem(ProtocolKind protocol, int participants)
    {
        if (!Enum.IsDefined(protocol))
        {
            return $"Choose 2PC or 3PC; '{protocol}' is not a protocol the engine runs.";
        }

        if (participants is < MinParticipants or > MaxParticipants)
        {
            return $"A quick run takes between {MinParticipants} and {MaxParticipants} participants, not {participants}.";
        }

        return null;
    }

    /// <exception cref="ArgumentOutOfRangeException">The choices are invalid; see <see cref="Problem"/>.</exception>
    /// <exception cref="ScenarioException">The engine refused the scenario.</exception>
    public QuickRunResult Run(ProtocolKind protocol, int participants)
    {
        if (Problem(protocol, participants) is { } problem)
        {
            throw new ArgumentOutOfRangeException(
                Enum.IsDefined(protocol) ? nameof(participants) : nameof(protocol), problem);
        }

        var scenario = new Scenario
        {
            Title = $"Fault-free {QuickRunResult.ProtocolLabel(protocol)} with {participants} participant{(participants == 1 ? "" : "s")}",
            Protocol = protocol,
            Participants = participants,
            Seed = Seed,
        };

        var result = Simulator.Run(scenario); // only the result is shown: the run reuses its thread's memory
        return new QuickRunResult(protocol, participants, result.Outcome, result.Messages.Sent, result.Ticks);
    }
}
