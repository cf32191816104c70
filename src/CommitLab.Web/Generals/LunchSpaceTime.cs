using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Lab.SpaceTime;

namespace CommitLab.Web.Generals;

/// <summary>
/// A lunch's emails on the Lab's space-time diagram: the trial runs on the simulator, so its trace
/// draws like any run's, with Sam and Jill as the two lanes, each email an arrow, a lost one ending
/// in a cross, and the disagreement, when there is one, marked where the monitor saw it.
/// </summary>
public static class LunchSpaceTime
{
    /// <summary>Narrower than the Lab's drawing: it sits in the lunch panel beside the scene.</summary>
    private static readonly SpaceTimeOptions Options = new() { Width = 460, Title = "Space-time diagram of the lunch" };

    /// <summary>The whole run as inline SVG, up to and including noon.</summary>
    public static string Svg(LunchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var trace = outcome.Trace ?? throw new ArgumentException("the lunch was not run on the simulator", nameof(outcome));
        var noon = new LunchSettings(outcome.Plan.Emails).NoonTick;
        return SpaceTimeSvg.RenderInline(SpaceTimeDiagram.Build(trace, trace.Count, noon, Options with { EndTick = noon }));
    }
}
