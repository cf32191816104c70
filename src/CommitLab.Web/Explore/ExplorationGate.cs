namespace CommitLab.Web.Explore;

/// <summary>
/// The server-wide cap on explorations running at once. A search keeps a core busy until it ends, and
/// the machine has two: more concurrent searches would only slow every page (and the simulator)
/// down, so a visitor beyond the cap is told to try again instead of queued. Thread-safe.
/// </summary>
public sealed class ExplorationGate(int capacity = ExplorationGate.DefaultCapacity)
{
    public const int DefaultCapacity = 2;

    private int running;

    public int Capacity { get; } = capacity >= 1 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "the gate must admit at least one exploration");

    public int Running => Volatile.Read(ref running);

    /// <summary>A lease to dispose when the exploration ends, or null when the cap is reached.</summary>
    public IDisposable? TryEnter()
    {
        while (true)
        {
            var now = Volatile.Read(ref running);
            if (now >= Capacity)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref running, now + 1, now) == now)
            {
                return new Lease(this);
            }
        }
    }

    private sealed class Lease(ExplorationGate gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref gate.running);
            }
        }
    }
}
