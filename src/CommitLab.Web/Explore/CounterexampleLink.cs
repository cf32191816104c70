namespace CommitLab.Web.Explore;

/// <summary>
/// A counterexample of a scenario's exploration, replayed in the simulator: the Lab link that opens
/// the run at the moment the path ends (scrub back to watch it from the start), or why it has none.
/// </summary>
/// <param name="Property">The property's title, e.g. "Nonblocking".</param>
/// <param name="Steps">How many steps the shortest path takes.</param>
/// <param name="LabLink">A share link (<c>/lab?run=...</c>), or null when the run could not be written or is too long for a link.</param>
/// <param name="Problem">Why there is no link, in words; null when there is one.</param>
public sealed record CounterexampleLink(string Name, string Property, int Steps, string? LabLink, string? Problem);
