using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// One side of a comparison: its short name ("2PC", "3PC, perfect detector"), the scenario it runs,
/// and what of the original run it could not take over, each in a sentence ("not here: …"), so a
/// fault that means nothing on this side is explained where it is missing rather than dropped silently.
/// </summary>
public sealed record CompareSide(string Name, Scenario Scenario, IReadOnlyList<string> Notes)
{
    /// <summary>Each fault of the original run, in its order, as this side took it or why it left it out.</summary>
    public IReadOnlyList<CarriedFault> Carried { get; init; } = [];
}
