namespace CommitLab.Engine.Simulation;

/// <summary>
/// The run's only source of randomness: xoshiro256** (Blackman and Vigna, 2018) seeded through
/// SplitMix64. Chosen over <see cref="Random"/> because its algorithm is fixed and documented, so a
/// seed means the same run on every machine and every .NET version.
/// </summary>
public sealed class Prng
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public Prng(ulong seed)
    {
        Reseed(seed);
    }

    /// <summary>Starts over as <c>new Prng(seed)</c> would (a recycled run reuses its generator).</summary>
    internal void Reseed(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>The generator's four words: part of a run's <see cref="WorldState"/>.</summary>
    public PrngState State => new(s0, s1, s2, s3);

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [min, max], inclusive (Lemire's multiply-shift; the bias is below 2^-32 for our ranges).</summary>
    public long NextInclusive(long min, long max)
    {
        if (max <= min)
        {
            return min;
        }

        var range = (ulong)(max - min) + 1;
        return min + (long)(ulong)(((UInt128)NextUInt64() * range) >> 64);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
