using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// Puts a room's updates back in order on an instance. Orleans may run one-way calls to an
/// observer out of the order they were sent (seen in <c>RoomFailoverTests</c>: step 19 before
/// step 8), so updates are numbered (<see cref="RoomUpdate.Seq"/>, per grain activation, its
/// <c>epoch</c>) and released only in sequence. The subscription tells where the sequence stands
/// (<see cref="Subscribed"/>); updates of an activation not yet subscribed to wait for that. A gap
/// that never fills (an update lost with a dying instance) is skipped after <see cref="GapTimeout"/>,
/// checked on each arrival and on <see cref="Flush"/>. Thread-safe; the sink is called under the
/// lock, so what it is given is in order.
/// </summary>
public sealed class UpdateSequencer(Action<RoomUpdate> deliver, TimeProvider? time = null)
{
    /// <summary>Bounds what waits: at most this many updates held per activation.</summary>
    public const int MaxHeld = 1_000;

    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(2);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly object gate = new();
    private readonly Dictionary<string, SortedDictionary<long, RoomUpdate>> held = new(StringComparer.Ordinal);
    private string? epoch;
    private long last;
    private long? gapSince;

    /// <summary>The activation the instance follows now (null before the first subscription).</summary>
    public string? Epoch
    {
        get
        {
            lock (gate)
            {
                return epoch;
            }
        }
    }

    /// <summary>
    /// A subscription was answered: <paramref name="current"/> is where the run stood just after this
    /// instance was added. True when this is a new activation (a first subscription, or the room
    /// came back on another instance): updates up to <paramref name="current"/> are not delivered.
    /// </summary>
    public bool Subscribed(string subscribedEpoch, RoomUpdate current)
    {
        ArgumentNullException.ThrowIfNull(current);
        lock (gate)
        {
            if (subscribedEpoch == epoch)
            {
                return false;
            }

            epoch = subscribedEpoch;
            last = current.Seq;
            foreach (var old in held.Keys.Where(k => k != subscribedEpoch).ToList())
            {
                held.Remove(old);
            }

            Drain();
            return true;
        }
    }

    public void Arrived(string updateEpoch, RoomUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (gate)
        {
            if (updateEpoch == epoch && update.Seq <= last)
            {
                return;
            }

            if (!held.TryGetValue(updateEpoch, out var waiting))
            {
                waiting = new SortedDictionary<long, RoomUpdate>();
                held[updateEpoch] = waiting;
            }

            if (waiting.Count < MaxHeld)
            {
                waiting[update.Seq] = update;
            }

            Drain();
        }
    }

    /// <summary>Skips a gap held past <see cref="GapTimeout"/> (called regularly by the follower).</summary>
    public void Flush()
    {
        lock (gate)
        {
            Drain();
        }
    }

    private void Drain()
    {
        if (epoch is null || !held.TryGetValue(epoch, out var waiting))
        {
            return;
        }

        foreach (var stale in waiting.Keys.Where(seq => seq <= last).ToList())
        {
            waiting.Remove(stale);
        }

        while (waiting.Count > 0)
        {
            var (seq, next) = waiting.First();
            if (seq != last + 1)
            {
                if (gapSince is not { } since)
                {
                    gapSince = clock.GetTimestamp();
                    return;
                }

                if (clock.GetElapsedTime(since) < GapTimeout && waiting.Count < MaxHeld)
                {
                    return;
                }
            }

            gapSince = null;
            waiting.Remove(seq);
            last = seq;
            deliver(next);
        }

        gapSince = null;
    }
}
