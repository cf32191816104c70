using CommitLab.Engine.Faults;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// One fault of the run a comparison was made from, as one side took it over: <paramref name="Kept"/>
/// is the fault as that side runs it (a hand fault's moment becomes a clock time), or null, and then
/// <paramref name="Why"/> says why the side left it out ("3PC sends no PREPARE message").
/// </summary>
public sealed record CarriedFault(ScheduledFault Original, ScheduledFault? Kept, string? Why);
