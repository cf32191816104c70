using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Monitors;

/// <summary>
/// What a monitor may read of the nodes besides the trace: whether each is up, and the state it shows
/// (its durable state while it is down). Read-only: monitors watch, they never change a node.
/// </summary>
public interface INodeView
{
    bool IsUp(int node);

    NodeState? Shown(int node);
}
