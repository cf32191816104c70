using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Tests.Support;

/// <summary>
/// The run from the hardening report: nine participants blocked behind a crashed leader, asking each
/// other every tick (about 160 events per tick). Unbounded, one shared link to t=10,000 cost seconds
/// of CPU and hundreds of MB.
/// </summary>
public static class BusyRun
{
    public static Scenario Scenario { get; } = new()
    {
        Title = "busy",
        Protocol = ProtocolKind.TwoPhase,
        Participants = 9,
        Network = new NetworkSettings(1, 1, 0),
        Timeouts = new TimeoutSettings(Vote: 100_000, Decision: 1, Resend: 1, Detector: 1),
        MaxTicks = Scenario.MaxTicksLimit,
        Faults = [new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L logs commit")), FaultText.ParseAction("crash L"))],
    };
}
