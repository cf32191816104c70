namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// Both sides of a comparison at one moment of the shared clock, built once after both moved, so the
/// page never draws one side a step ahead of the other.
/// </summary>
/// <param name="Clock">The simulated time both sides show. A side that ended earlier stays as it ended.</param>
/// <param name="LeftNotes">What the left side left out of the run or of a hand fault, each a sentence.</param>
/// <param name="Difference">Once both sides have ended: one line saying how they ended differently; null before.</param>
public sealed record CompareFrame(
    LabFrame Left,
    LabFrame Right,
    long Clock,
    bool Playing,
    double Speed,
    IReadOnlyList<string> LeftNotes,
    IReadOnlyList<string> RightNotes,
    string? Difference)
{
    /// <summary>Playback stopped by itself because both sides had ended; Play goes on anyway.</summary>
    public bool HeldAtEnd { get; init; }

    /// <summary>The faults that strike one side only (<see cref="FaultParity.Find"/>); empty when both sides take the same faults.</summary>
    public IReadOnlyList<OneSidedFault> OneSided { get; init; } = [];

    /// <summary>
    /// The status line: while the sides run, the shared clock and whether the same faults strike both
    /// ("Both sides at 75 ms, the same faults on each."), or which strike one side only and why; once
    /// both have ended, <see cref="Difference"/> followed by those same sentences.
    /// </summary>
    public string Status
    {
        get
        {
            var parity = FaultParity.Say(OneSided, Difference is not null);
            if (Difference is { } difference)
            {
                return parity is null ? difference : $"{difference}. {parity}";
            }

            var at = $"Both sides at {Clock.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} ms";
            return parity is null ? $"{at}, the same faults on each." : $"{at}. {parity}";
        }
    }

    public bool BothEnded => HasEnded(Left) && HasEnded(Right);

    /// <summary>A side has ended once its run finished, or once nothing but a recovery or a repair can move it (it stands still).</summary>
    public static bool HasEnded(LabFrame side)
    {
        ArgumentNullException.ThrowIfNull(side);
        return side.Snapshot.Finished || side.Standstill is not null;
    }
}
