using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>A decoded action: the kind and its arguments (message, node, timer or link ends).</summary>
public readonly record struct ScenarioAction(ScenarioActionKind Kind, Message Message = default, int Node = -1, TimerKind Timer = TimerKind.Vote, int Peer = -1);
