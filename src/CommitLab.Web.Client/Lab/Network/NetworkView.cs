using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab.Network;

/// <summary>A node as drawn: where, in which state, and what marks it carries.</summary>
public sealed record NodeGlyph(
    string Name,
    string Role,
    Point At,
    Phase Phase,
    bool Up,
    bool Frozen,
    bool Busy,
    ImmutableArray<string> Suspects,
    bool Blocked,
    int Locks,
    string? ModelStatus = null)
{
    /// <summary>The state word drawn under the name.</summary>
    public string StateText => NodeStatus.Of(Role, Phase, Up, Frozen, Busy, ModelStatus);

    /// <summary>
    /// What a screen reader hears for this node. It starts with the visible text (name, state,
    /// suspicions) so voice control users can say what they see, then adds what is only drawn.
    /// </summary>
    public string Description => $"{Name} {StateText}, {Details}";

    /// <summary>What the drawing shows beyond the name and state: role, pauses, blocking, suspicions.</summary>
    public string Details =>
        Role + (Frozen ? ", frozen" : "") + (Blocked ? ", blocked holding its locks" : "") +
        (Suspects.IsEmpty || !Up ? "" : $", suspects {string.Join(", ", Suspects)}");
}

/// <summary>
/// A pair of nodes and the state of the link each way. Drawn once per pair; a link cut one way
/// only is drawn half dashed with an arrowhead showing the dead direction.
/// </summary>
public sealed record LinkGlyph(string A, string B, Point From, Point To, bool UpAToB, bool UpBToA, bool Primary)
{
    public bool FullyUp => UpAToB && UpBToA;

    public bool FullyCut => !UpAToB && !UpBToA;

    public string Id => $"{A}-{B}";

    public string Description => FullyUp ? $"link {A} to {B}, up"
        : FullyCut ? $"link {A} to {B}, cut both ways"
        : UpAToB ? $"link {A} to {B}, cut from {B} to {A}" : $"link {A} to {B}, cut from {A} to {B}";
}

/// <summary>A message in flight, placed along its link at the current tick.</summary>
public sealed record MessageGlyph(
    long Id,
    MessageKind Kind,
    string Label,
    MessageShape Shape,
    string Family,
    string From,
    string To,
    Point At,
    long SentAt,
    long DeliverAt,
    bool WillBeLost)
{
    public string Description => $"message {Label} from {From} to {To}, arrives at {DeliverAt} ms" + (WillBeLost ? ", will be lost" : "");
}

/// <summary>A side of a partition: its nodes are drawn with a halo in the side's colour.</summary>
public sealed record PartitionGroup(int Number, ImmutableArray<string> Nodes);

/// <summary>Everything the network SVG draws, computed from a snapshot.</summary>
public sealed record NetworkView(
    ImmutableArray<NodeGlyph> Nodes,
    ImmutableArray<LinkGlyph> Links,
    ImmutableArray<MessageGlyph> Messages,
    ImmutableArray<PartitionGroup> Groups)
{
    /// <summary>The moment drawn: where a message is along its link depends on it (see <see cref="Position"/>).</summary>
    public long Tick { get; init; }

    /// <summary>
    /// The crashed nodes in words ("The leader L crashed", "P2 and P3 crashed"), for a drawing too
    /// small for its crosses to be seen at a glance (a phone); null while every node is up.
    /// </summary>
    public string? DownCaption
    {
        get
        {
            var down = Nodes.Where(n => !n.Up).Select(n => n.Name == "L" ? "the leader L" : n.Name).ToList();
            if (down.Count == 0)
            {
                return null;
            }

            var list = down.Count == 1 ? down[0] : $"{string.Join(", ", down[..^1])} and {down[^1]}";
            return $"{char.ToUpperInvariant(list[0])}{list[1..]} crashed";
        }
    }

    /// <summary>Bounds the drawing: a lossy, blocked run can have many messages out at once.</summary>
    public const int MaxMessagesDrawn = 200;

    /// <summary>How far outside a node's circle (and its selection ring) a message starts and ends.</summary>
    public const double MarkerClearance = 26;

    /// <summary>The Tahoe-LAFS server role's name (<c>TahoeServer.Name</c>).</summary>
    private static readonly string StorageServer = CommitLab.Engine.Tahoe.TahoeServer.Instance.Name;

    public static NetworkView From(Snapshot snapshot, Roles.RoleTable? roles = null)
    {
        var names = snapshot.Nodes.Select(n => n.Name).ToList();
        var at = NetworkLayout.Compute(names);

        var nodes = snapshot.Nodes.Select(n => new NodeGlyph(
            n.Name, n.Role, at[n.Name], n.Phase, n.Up, n.Frozen, n.Busy, n.Suspects, n.BlockedSince is not null && n.Up, n.Locks.Length, roles?.StatusOf(n.Name)))
            .ToImmutableArray();

        var up = snapshot.Links.ToDictionary(l => (l.From, l.To), l => l.Up);
        var role = snapshot.Nodes.ToDictionary(n => n.Name, n => n.Role);
        var links = ImmutableArray.CreateBuilder<LinkGlyph>();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                var (a, b) = (names[i], names[j]);
                // Paxos Commit's acceptors talk to everyone: their links carry the protocol too.
                // Tahoe-LAFS: writers and the reader talk to storage servers, never to each other.
                var primary = Names.IsTahoe(snapshot.Protocol)
                    ? (role[a] == StorageServer) != (role[b] == StorageServer)
                    : a == "L" || b == "L" || a == "LOG" || b == "LOG" || NetworkLayout.IsAcceptor(a) || NetworkLayout.IsAcceptor(b);
                links.Add(new LinkGlyph(a, b, at[a], at[b], up[(a, b)], up[(b, a)], primary));
            }
        }

        var messages = snapshot.InFlight
            .Take(MaxMessagesDrawn)
            .Select(m => new MessageGlyph(
                m.Id,
                m.Kind,
                MessageStyle.Label(m.Kind, m.Decision, m.State),
                MessageStyle.Shape(m.Kind),
                MessageStyle.Family(m.Kind, m.Decision),
                m.From,
                m.To,
                Position(at[m.From], at[m.To], m.SentAt, m.DeliverAt, snapshot.Tick),
                m.SentAt,
                m.DeliverAt,
                m.WillBeLost))
            .ToImmutableArray();

        var groups = snapshot.Partition.Select((g, i) => new PartitionGroup(i + 1, g)).ToImmutableArray();
        return new NetworkView(nodes, links.ToImmutable(), messages, groups) { Tick = snapshot.Tick };
    }

    /// <summary>
    /// Where a message is at <paramref name="tick"/>: part way along its link, shifted to the right of
    /// its direction of travel so messages going opposite ways on one link never overlap.
    /// </summary>
    public static Point Position(Point from, Point to, long sentAt, long deliverAt, long tick)
    {
        // Start and end clear of the node: a marker on the rim would cover the node and take the
        // clicks meant for it (at 0 ms every PREPARE sits on L).
        var rim = Rim(from, to);
        return Along(from, to, rim + ((1 - (2 * rim)) * Progress(sentAt, deliverAt, tick)));
    }

    /// <summary>How far a message has come at <paramref name="tick"/>: 0 as it is sent, 1 as it arrives.</summary>
    public static double Progress(long sentAt, long deliverAt, long tick) =>
        Math.Clamp((tick - sentAt) / (double)Math.Max(1, deliverAt - sentAt), 0, 1);

    /// <summary>The fraction of a link's length from a node's centre to where a marker clears its circle and selection ring.</summary>
    public static double Rim(Point from, Point to) => (NetworkLayout.NodeRadius + MarkerClearance) / Length(from, to);

    /// <summary>
    /// The point at fraction <paramref name="t"/> of the way from <paramref name="from"/> to
    /// <paramref name="to"/>, shifted to the right of the direction of travel (see <see cref="Position"/>).
    /// </summary>
    public static Point Along(Point from, Point to, double t)
    {
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        var length = Length(from, to);
        const double offset = 12;
        return new Point(from.X + (dx * t) - (dy / length * offset), from.Y + (dy * t) + (dx / length * offset));
    }

    private static double Length(Point from, Point to) =>
        Math.Max(1, Math.Sqrt(((to.X - from.X) * (to.X - from.X)) + ((to.Y - from.Y) * (to.Y - from.Y))));
}
