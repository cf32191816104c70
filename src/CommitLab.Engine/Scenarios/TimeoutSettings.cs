namespace CommitLab.Engine.Scenarios;

/// <summary>
/// Protocol timers, in ticks.
/// <list type="bullet">
/// <item><see cref="Vote"/>: how long the coordinator waits for votes before aborting.</item>
/// <item><see cref="Decision"/>: how long an uncertain participant waits before asking for the outcome (and between asks).</item>
/// <item><see cref="Resend"/>: how often an unanswered request is sent again.</item>
/// <item><see cref="Detector"/>: the failure detector's delay: ticks of silence (timeout) or after a crash (perfect).</item>
/// <item><see cref="Prepare"/>: 2PC, how long a participant waits for PREPARE before aborting on its own;
/// null (the default) means it waits for ever, as the lecture's protocol does. Off by default so that a
/// scenario written before the option keeps its trace.</item>
/// </list>
/// </summary>
public sealed record TimeoutSettings(int Vote = 200, int Decision = 300, int Resend = 150, int Detector = 150, int? Prepare = null);
