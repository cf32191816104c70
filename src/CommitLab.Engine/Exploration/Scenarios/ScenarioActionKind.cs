namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>The one choice a step of a scenario model makes (stateright's <c>Deliver</c>, <c>Drop</c>, <c>Timeout</c>, <c>Crash</c>, ...).</summary>
public enum ScenarioActionKind
{
    /// <summary>A message in flight arrives (at a node that is down, it is lost).</summary>
    Deliver,

    /// <summary>The network loses a message in flight (drop budget).</summary>
    Lose,

    /// <summary>A running timer fires; timeouts are long next to message delays, so only when nothing is in flight.</summary>
    Timer,

    /// <summary>A node whose forced log write has become durable carries out what it did next (sends, decision).</summary>
    Continue,

    /// <summary>The failure detector catches up: every node that looks dead to another becomes suspected by it.</summary>
    Detect,

    Crash,
    Recover,
    Cut,
    Heal,
}
