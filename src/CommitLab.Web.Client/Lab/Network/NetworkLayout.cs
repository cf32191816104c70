using System.Collections.Immutable;

namespace CommitLab.Web.Lab.Network;

/// <summary>A point in the network drawing's coordinate space (the SVG viewBox).</summary>
public readonly record struct Point(double X, double Y);

/// <summary>
/// Where each node sits in the network drawing: L at the top centre, participants on an arc below it
/// (so every L-participant link has its own direction and messages never hide each other), and the
/// outcome log, when there is one, at the top right; Paxos Commit's acceptors on an inner arc.
/// A Tahoe-LAFS run has no leader: its writers (W1, W2, ...) sit in a row on top, the storage
/// servers (S1, S2, ...) in a row below them, and the magic-folder reader R under the servers, so
/// every read, write and append crosses between the rows.
/// </summary>
public static class NetworkLayout
{
    public const double Width = 1000;

    public const double Height = 600;

    public const double NodeRadius = 46;

    private static readonly Point Leader = new(Width / 2, 90);

    /// <summary>
    /// Whether a node's state word goes above its circle: L and LOG sit on the top row and their
    /// messages leave downwards, so a word under them would lie under the messages they send.
    /// </summary>
    public static bool StateAbove(string name) => name is "L" or "LOG";

    /// <summary>
    /// Where a node's state word's baseline sits, from the node's centre: above the circle for the
    /// nodes whose word goes above (<see cref="StateAbove"/>, or on a phone the ones
    /// <see cref="PhoneLayout"/> names), under it otherwise, a little lower for the larger "crashed".
    /// </summary>
    public static double StateY(string name, bool crashed, IReadOnlySet<string>? phoneWordsAbove) =>
        (phoneWordsAbove?.Contains(name) ?? StateAbove(name)) ? -NodeRadius - 14 : NodeRadius + (crashed ? 30 : 28);

    /// <summary>Paxos Commit's acceptors are named A1, A2, ...</summary>
    public static bool IsAcceptor(string name) => name.Length > 1 && name[0] == 'A' && char.IsAsciiDigit(name[1]);

    /// <summary>Tahoe-LAFS writers are named W1, W2, ...; storage servers S1, S2, ...</summary>
    public static bool IsTahoeNode(string name) => name == "R" || (name.Length > 1 && name[0] is 'W' or 'S' && char.IsAsciiDigit(name[1]));

    public static ImmutableDictionary<string, Point> Compute(IReadOnlyList<string> names)
    {
        if (!names.Contains("L") && names.Any(IsTahoeNode))
        {
            return Tahoe(names);
        }

        var participants = names.Where(n => n.StartsWith('P')).ToList();
        var positions = ImmutableDictionary.CreateBuilder<string, Point>(StringComparer.Ordinal);
        positions["L"] = Leader;
        if (names.Contains("LOG"))
        {
            positions["LOG"] = new Point(Width - 90, 90);
        }

        // An arc under L from 160 to 20 degrees: wide enough for nine participants to stay readable.
        // With LOG in the top right corner the arc is narrowed to 145..35, so the last participant,
        // its lock and its labels sit well below LOG's (at 20 degrees P3 touched LOG's state word).
        const double radius = 400;
        var (first, sweep) = names.Contains("LOG") ? (145.0, 110.0) : (160.0, 140.0);
        var count = participants.Count;
        for (var i = 0; i < count; i++)
        {
            var degrees = count == 1 ? 90 : first - (sweep * i / (count - 1));
            var radians = degrees * Math.PI / 180;
            positions[participants[i]] = new Point(Leader.X + (radius * 1.05 * Math.Cos(radians)), Leader.Y + (radius * Math.Sin(radians)));
        }

        // Paxos Commit: the acceptors on an inner arc between L and the participants, since every
        // vote goes from a participant up to them and every acceptance from them up to L.
        var acceptors = names.Where(IsAcceptor).ToList();
        const double innerRadius = 250;
        var (innerFirst, innerSweep) = acceptors.Count switch { <= 3 => (125.0, 70.0), 5 => (145.0, 110.0), _ => (155.0, 130.0) };
        for (var i = 0; i < acceptors.Count; i++)
        {
            var degrees = acceptors.Count == 1 ? 90 : innerFirst - (innerSweep * i / (acceptors.Count - 1));
            var radians = degrees * Math.PI / 180;
            positions[acceptors[i]] = new Point(Leader.X + (innerRadius * 1.3 * Math.Cos(radians)), Leader.Y + (innerRadius * Math.Sin(radians)));
        }

        return positions.ToImmutable();
    }

    private static ImmutableDictionary<string, Point> Tahoe(IReadOnlyList<string> names)
    {
        var writers = names.Where(n => n[0] == 'W').ToList();
        var servers = names.Where(n => n[0] == 'S').ToList();
        var positions = ImmutableDictionary.CreateBuilder<string, Point>(StringComparer.Ordinal);
        var reader = names.Contains("R");

        // Rows spread evenly across the width; with the reader below, the rows move up to make room.
        var (writerY, serverY) = reader ? (90.0, 300.0) : (110.0, 440.0);
        for (var i = 0; i < writers.Count; i++)
        {
            positions[writers[i]] = new Point(Width * (i + 1) / (writers.Count + 1), writerY);
        }

        for (var i = 0; i < servers.Count; i++)
        {
            positions[servers[i]] = new Point(Width * (i + 1) / (servers.Count + 1), serverY);
        }

        if (reader)
        {
            positions["R"] = new Point(Width / 2, 500);
        }

        return positions.ToImmutable();
    }
}
