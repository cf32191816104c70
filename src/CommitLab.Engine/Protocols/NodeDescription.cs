using System.Collections.Immutable;

namespace CommitLab.Engine.Protocols;

/// <summary>
/// What a node holds, in words, for roles whose state is more than a commit phase (a Tahoe-LAFS
/// writer's stage and the version it proposes, a server's version and lock). Each role describes its
/// own states, so a view draws any protocol's table without knowing the protocol.
/// </summary>
/// <param name="Cells">One entry per aspect the role names (<see cref="ProtocolRole.Aspects"/>), in that order.</param>
/// <param name="Status">The state in a word or two, for under the node and on its card ("holds W1#2").</param>
public sealed record NodeDescription(ImmutableArray<string> Cells, string Status);
